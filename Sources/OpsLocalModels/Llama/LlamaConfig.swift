/// Hyper-parameters of a Llama-architecture decoder, read from GGUF metadata (`llama.*`).
public struct LlamaConfig: Sendable, Equatable {
    public var layers: Int
    public var width: Int
    public var feedForward: Int
    public var heads: Int
    public var kvHeads: Int
    public var contextLength: Int
    public var ropeBase: Float
    public var rmsEps: Float
    public var vocabularySize: Int

    public var headDim: Int { width / heads }
    public var kvWidth: Int { kvHeads * headDim }

    public init(gguf: GGUFFile) throws {
        let arch = gguf.metadata["general.architecture"]?.string ?? "?"
        guard arch == "llama" else { throw LocalModelError.unsupportedArchitecture(arch) }
        layers = try gguf.requiredInt("llama.block_count")
        width = try gguf.requiredInt("llama.embedding_length")
        feedForward = try gguf.requiredInt("llama.feed_forward_length")
        heads = try gguf.requiredInt("llama.attention.head_count")
        kvHeads = gguf.metadata["llama.attention.head_count_kv"]?.int ?? heads
        contextLength = try gguf.requiredInt("llama.context_length")
        ropeBase = Float(gguf.metadata["llama.rope.freq_base"]?.double ?? 10_000)
        rmsEps = Float(try gguf.requiredDouble("llama.attention.layer_norm_rms_epsilon"))
        vocabularySize = gguf.metadata["llama.vocab_size"]?.int
            ?? gguf.metadata["tokenizer.ggml.tokens"]?.array?.count ?? 0
        guard heads > 0, kvHeads > 0, width % heads == 0, heads % kvHeads == 0, width % 32 == 0,
              feedForward % 32 == 0, layers > 0, contextLength > 0 else {
            throw LocalModelError.corruptFile(file: gguf.path, offset: 0,
                                              reason: "inconsistent llama hyper-parameters (width \(width), heads \(heads)/\(kvHeads))")
        }
        if let ropeDims = gguf.metadata["llama.rope.dimension_count"]?.int, ropeDims != headDim {
            throw LocalModelError.unsupportedArchitecture("llama with partial RoPE (\(ropeDims) of \(headDim) dimensions)")
        }
    }
}
