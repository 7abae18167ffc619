/// Turns texts into vectors, in-process or through a provider.
public protocol Embedder: Sendable {
    var modelName: String { get }
    var dimensions: Int { get }
    /// One vector per text, in order, with the number of tokens the texts took.
    func embed(_ texts: [String]) async throws -> EmbeddingBatch
}

/// The vectors for a batch of texts.
public struct EmbeddingBatch: Sendable, Hashable {
    public var vectors: [[Float]]
    public var promptTokens: Int

    public init(vectors: [[Float]], promptTokens: Int) {
        self.vectors = vectors
        self.promptTokens = promptTokens
    }
}

/// A provider-side embeddings endpoint: takes the whole OpenAI-shaped request.
public protocol EmbeddingModel: Sendable {
    func embed(_ request: EmbeddingRequest) async throws -> EmbeddingResponse
}
