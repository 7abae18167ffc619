/// Anything that answers chat completions: an upstream provider or an in-process model.
public protocol ChatModel: Sendable {
    /// Answers the whole completion at once.
    func complete(_ request: ChatRequest) async throws -> ChatResponse
    /// Answers chunk by chunk. Errors before the first chunk are thrown here; later ones end the stream.
    func stream(_ request: ChatRequest) async throws -> AsyncThrowingStream<ChatChunk, Error>
}
