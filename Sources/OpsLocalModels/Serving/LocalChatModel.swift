import Foundation
import OpsCore

/// SmolLM2-135M-Instruct (or another ChatML Llama GGUF) answering chat completions in-process
/// (`local/smollm2-135m-instruct`).
///
/// Requests run one at a time in arrival order on a serial queue; consecutive requests that
/// share a prompt prefix reuse the KV cache. Usage counts the real token ids.
public final class LocalChatModel: ChatModel, @unchecked Sendable {
    public let modelName: String
    public let tokenizer: ByteLevelBPETokenizer
    public let template: ChatTemplate
    public let contextLength: Int
    private let generator: TextGenerator
    private let queue = ModelQueue(label: "llmops.local.chat")

    /// Loads a GGUF file; `contextLength` caps the model's own context (from metadata) if smaller.
    public init(ggufPath: String, modelName: String = "smollm2-135m-instruct", contextLength: Int? = nil) throws {
        let gguf = try GGUFFile(path: ggufPath)
        let config = try LlamaConfig(gguf: gguf)
        tokenizer = try ByteLevelBPETokenizer(gguf: gguf)
        template = try ChatTemplate(gguf: gguf)
        let decoder = LlamaDecoder(config: config, weights: try LlamaWeights(gguf: gguf, config: config),
                                   contextLength: contextLength)
        generator = TextGenerator(decoder: decoder, tokenizer: tokenizer)
        self.contextLength = decoder.contextLength
        self.modelName = modelName
    }

    /// Loads from a models directory laid out by `make models`.
    public convenience init(modelsDirectory: String, contextLength: Int? = nil) throws {
        try self.init(ggufPath: modelsDirectory + "/" + LocalModelFiles.smolLMFile, contextLength: contextLength)
    }

    /// The prompt token ids for a chat request (template applied, special tokens parsed).
    public func promptTokens(for request: ChatRequest) throws -> [Int] {
        guard !request.messages.isEmpty else { throw LocalModelError.invalidRequest("messages must not be empty") }
        let messages = request.messages.map { (role: $0.role == "developer" ? "system" : $0.role, content: $0.text) }
        return tokenizer.encode(template.render(messages), parseSpecial: true)
    }

    /// Raw completion of `prompt` (no chat template), e.g. for `/v1/completions` and tests.
    public func completeText(_ prompt: String, maxTokens: Int?, sampling: SamplingParameters = .greedy,
                             stop: [String] = []) async throws -> (text: String, tokenIDs: [Int], finishReason: String) {
        try sampling.validate()
        let ids = tokenizer.encode(prompt, parseSpecial: true)
        try generator.checkFits(ids)
        let generator = self.generator
        let output = try await queue.run {
            try generator.generate(prompt: ids, maxTokens: maxTokens, sampling: sampling, stop: stop)
        }
        return (output.text, output.tokenIDs, output.finishReason)
    }

    public func complete(_ request: ChatRequest) async throws -> ChatResponse {
        let (ids, sampling) = try prepare(request)
        let generator = self.generator, stop = request.stop, maxTokens = request.maxTokens
        let output = try await queue.run {
            try generator.generate(prompt: ids, maxTokens: maxTokens, sampling: sampling, stop: stop)
        }
        return ChatResponse(
            id: "chatcmpl-" + Identifier.hex(bytes: 12), created: Int(Date().timeIntervalSince1970), model: request.model,
            choices: [ChatChoice(index: 0, message: .assistant(output.text), finishReason: output.finishReason)],
            usage: Usage(promptTokens: output.promptTokens, completionTokens: output.tokenIDs.count))
    }

    public func stream(_ request: ChatRequest) async throws -> AsyncThrowingStream<ChatChunk, Error> {
        let (ids, sampling) = try prepare(request)
        let generator = self.generator, stop = request.stop, maxTokens = request.maxTokens
        let id = "chatcmpl-" + Identifier.hex(bytes: 12), created = Int(Date().timeIntervalSince1970)
        let model = request.model, includeUsage = request.includeUsageInStream
        let cancelled = CancellationFlag()
        let (stream, continuation) = AsyncThrowingStream<ChatChunk, Error>.makeStream()
        continuation.onTermination = { _ in cancelled.set() }
        @Sendable func chunk(_ delta: ChatDelta, finish: String? = nil) -> ChatChunk {
            ChatChunk(id: id, created: created, model: model, choices: [ChunkChoice(index: 0, delta: delta, finishReason: finish)])
        }
        continuation.yield(chunk(ChatDelta(role: "assistant", content: "")))
        queue.submit {
            do {
                let output = try generator.generate(
                    prompt: ids, maxTokens: maxTokens, sampling: sampling, stop: stop,
                    isCancelled: { cancelled.isSet },
                    onText: { continuation.yield(chunk(ChatDelta(content: $0))) })
                continuation.yield(chunk(ChatDelta(), finish: output.finishReason))
                if includeUsage {
                    continuation.yield(ChatChunk(id: id, created: created, model: model, choices: [],
                                                 usage: Usage(promptTokens: output.promptTokens,
                                                              completionTokens: output.tokenIDs.count)))
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        return stream
    }

    /// Validates the request and tokenizes its prompt, so bad input fails before any chunk.
    private func prepare(_ request: ChatRequest) throws -> ([Int], SamplingParameters) {
        if let n = request.n, n != 1 { throw LocalModelError.invalidRequest("n must be 1 for local models, got \(n)") }
        if let maxTokens = request.maxTokens, maxTokens < 1 {
            throw LocalModelError.invalidRequest("max_tokens must be at least 1, got \(maxTokens)")
        }
        let sampling = SamplingParameters(temperature: request.temperature ?? 1, topP: request.topP ?? 1,
                                          topK: request.topK ?? 0, seed: request.seed.map { UInt64(bitPattern: Int64($0)) })
        try sampling.validate()
        let ids = try promptTokens(for: request)
        try generator.checkFits(ids)
        return (ids, sampling)
    }
}
