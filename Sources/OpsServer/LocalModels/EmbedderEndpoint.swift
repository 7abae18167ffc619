import OpsCore

/// Serves an in-process `Embedder` as an OpenAI embeddings endpoint.
struct EmbedderEndpoint: EmbeddingModel {
    let embedder: any Embedder

    func embed(_ request: EmbeddingRequest) async throws -> EmbeddingResponse {
        guard case .texts(let texts) = request.input else {
            throw OpsError.invalid("\(embedder.modelName) takes text input, not token arrays", param: "input")
        }
        if let dimensions = request.dimensions, dimensions != embedder.dimensions {
            throw OpsError.invalid("\(embedder.modelName) produces \(embedder.dimensions) dimensions, not \(dimensions)",
                                   param: "dimensions")
        }
        let batch = try await embedder.embed(texts)
        return EmbeddingResponse(model: embedder.modelName, vectors: batch.vectors, promptTokens: batch.promptTokens)
    }
}
