/// The generation loop: prompt → tokens → sampled continuation, with KV-cache reuse across
/// calls that share a prompt prefix (a chat's earlier turns, a fixed system prompt).
///
/// Not thread-safe; `LocalChatModel` runs it on its serial queue.
final class TextGenerator {
    struct Output: Sendable {
        var text: String
        var tokenIDs: [Int]
        var promptTokens: Int
        /// `stop` (end of turn or stop sequence) or `length` (max tokens or context full).
        var finishReason: String
    }

    let decoder: LlamaDecoder
    let tokenizer: ByteLevelBPETokenizer
    private let endOfGeneration: Set<Int>
    /// Tokens whose keys and values are in the decoder's cache, in order.
    private var cachedTokens: [Int] = []

    init(decoder: LlamaDecoder, tokenizer: ByteLevelBPETokenizer) {
        self.decoder = decoder
        self.tokenizer = tokenizer
        var eog = Set(["<|endoftext|>", "<|im_end|>", "<|eot_id|>", "<end_of_turn>"].compactMap { tokenizer.id(of: $0) })
        if let eos = tokenizer.eosID { eog.insert(eos) }
        endOfGeneration = eog
    }

    var contextLength: Int { decoder.contextLength }

    /// Throws `promptTooLong` unless the prompt leaves room for at least one new token.
    func checkFits(_ prompt: [Int]) throws {
        if prompt.count + 1 > contextLength { throw LocalModelError.promptTooLong(limit: contextLength, count: prompt.count) }
    }

    /// Generates after `prompt`, calling `onText` with each releasable piece of text.
    /// `isCancelled` is polled between tokens; a cancelled run ends with reason `stop`.
    func generate(prompt: [Int], maxTokens: Int?, sampling: SamplingParameters, stop: [String],
                  isCancelled: () -> Bool = { false }, onText: (String) -> Void = { _ in }) throws -> Output {
        guard !prompt.isEmpty else { throw LocalModelError.invalidRequest("the prompt is empty") }
        try checkFits(prompt)
        let budget = min(maxTokens ?? Int.max, contextLength - prompt.count)
        var sampler = Sampler(sampling)
        var streamer = TextStreamer(stopSequences: stop)
        var logits = prefill(prompt)
        var generated: [Int] = []
        var finish = "length"
        while generated.count < budget {
            if isCancelled() { finish = "stop"; break }
            let next = sampler.sample(logits)
            if endOfGeneration.contains(next) { finish = "stop"; break }
            generated.append(next)
            let piece = streamer.append(tokenizer.bytes(for: next))
            if !piece.isEmpty { onText(piece) }
            if streamer.stopped { finish = "stop"; break }
            if generated.count == budget { break }
            logits = decoder.forward([next])
            cachedTokens.append(next)
        }
        let rest = streamer.finish()
        if !rest.isEmpty { onText(rest) }
        return Output(text: streamer.emitted, tokenIDs: generated, promptTokens: prompt.count, finishReason: finish)
    }

    /// Runs the prompt through the decoder, reusing the cached common prefix.
    private func prefill(_ prompt: [Int]) -> UnsafeBufferPointer<Float> {
        var common = 0
        while common < min(cachedTokens.count, prompt.count) && cachedTokens[common] == prompt[common] { common += 1 }
        // At least one token must run to produce logits.
        if common == prompt.count { common -= 1 }
        decoder.truncate(to: common)
        cachedTokens = Array(prompt)
        // The suffix sums attention as llama.cpp's prompt batch (the whole prompt) would.
        return decoder.forward(Array(prompt[common...]), batchTokens: prompt.count)
    }
}
