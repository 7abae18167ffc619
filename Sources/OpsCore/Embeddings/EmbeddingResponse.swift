/// Embedding vectors for each input, in input order.
public struct EmbeddingResponse: Sendable, Hashable {
    public var model: String
    public var vectors: [[Float]]
    public var promptTokens: Int

    public init(model: String, vectors: [[Float]], promptTokens: Int) {
        self.model = model
        self.vectors = vectors
        self.promptTokens = promptTokens
    }
}
