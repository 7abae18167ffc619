/// The tensors of a Llama decoder inside a GGUF file, shape-checked at load time.
struct LlamaWeights: @unchecked Sendable {
    struct Layer {
        let attentionNorm: UnsafePointer<Float>
        let query, key, value, output: Tensor
        let ffnNorm: UnsafePointer<Float>
        let gate, up, down: Tensor
    }

    let embeddings: Tensor
    /// The output projection; the embedding matrix itself when the model ties them.
    let outputHead: Tensor
    let outputNorm: UnsafePointer<Float>
    let layers: [Layer]

    init(gguf: GGUFFile, config c: LlamaConfig) throws {
        let matrixTypes: [TensorType] = [.q4_1, .q8_0]
        func matrix(_ name: String, _ rows: Int, _ columns: Int) throws -> Tensor {
            let t = try gguf.tensor(name)
            try t.expect(shape: [rows, columns])
            guard matrixTypes.contains(t.type) else {
                throw LocalModelError.unsupportedTensorType(tensor: name, type: "\(t.type) (matrices must be Q4_1 or Q8_0)")
            }
            return t
        }
        func vector(_ name: String, _ count: Int) throws -> UnsafePointer<Float> {
            let t = try gguf.tensor(name)
            try t.expect(shape: [count])
            return try t.floats().baseAddress!
        }
        embeddings = try matrix("token_embd.weight", c.vocabularySize, c.width)
        outputHead = gguf.hasTensor("output.weight") ? try matrix("output.weight", c.vocabularySize, c.width) : embeddings
        outputNorm = try vector("output_norm.weight", c.width)
        layers = try (0..<c.layers).map { i in
            let p = "blk.\(i)."
            return Layer(
                attentionNorm: try vector(p + "attn_norm.weight", c.width),
                query: try matrix(p + "attn_q.weight", c.width, c.width),
                key: try matrix(p + "attn_k.weight", c.kvWidth, c.width),
                value: try matrix(p + "attn_v.weight", c.kvWidth, c.width),
                output: try matrix(p + "attn_output.weight", c.width, c.width),
                ffnNorm: try vector(p + "ffn_norm.weight", c.width),
                gate: try matrix(p + "ffn_gate.weight", c.feedForward, c.width),
                up: try matrix(p + "ffn_up.weight", c.feedForward, c.width),
                down: try matrix(p + "ffn_down.weight", c.width, c.feedForward))
        }
    }
}
