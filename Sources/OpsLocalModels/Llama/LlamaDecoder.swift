import Foundation

/// A Llama decoder (RMSNorm, RoPE, grouped-query attention, SwiGLU, tied output head) running
/// quantized GGUF weights with a KV cache.
///
/// Prompts are processed in chunks of `chunkSize` tokens so each weight row is read once per
/// chunk rather than once per token. Not thread-safe; `LocalChatModel` serialises access.
final class LlamaDecoder {
    let config: LlamaConfig
    private let weights: LlamaWeights
    let cache: KVCache
    let chunkSize: Int
    private let rope: RotaryEmbedding
    private let x, normed, q, k, v, attended, projected, gate, up: FloatBuffer
    private let logits: FloatBuffer
    private let widthActs, ffnActs: Q8Activations

    /// `contextLength` caps the cache (defaults to the model's trained context).
    init(config: LlamaConfig, weights: LlamaWeights, contextLength: Int? = nil, chunkSize: Int = 32) {
        self.config = config
        self.weights = weights
        self.chunkSize = chunkSize
        let c = config, n = chunkSize
        cache = KVCache(layers: c.layers, width: c.kvWidth, capacity: min(contextLength ?? c.contextLength, c.contextLength))
        rope = RotaryEmbedding(dimensions: c.headDim, base: c.ropeBase)
        x = FloatBuffer(count: n * c.width)
        normed = FloatBuffer(count: n * c.width)
        q = FloatBuffer(count: n * c.width)
        k = FloatBuffer(count: n * c.kvWidth)
        v = FloatBuffer(count: n * c.kvWidth)
        attended = FloatBuffer(count: n * c.width)
        projected = FloatBuffer(count: n * c.width)
        gate = FloatBuffer(count: n * c.feedForward)
        up = FloatBuffer(count: n * c.feedForward)
        logits = FloatBuffer(count: c.vocabularySize)
        widthActs = Q8Activations(width: c.width, capacity: n)
        ffnActs = Q8Activations(width: c.feedForward, capacity: n)
    }

    /// Maximum positions the cache holds.
    var contextLength: Int { cache.capacity }
    /// Positions already processed.
    var position: Int { cache.count }

    /// Forgets the conversation.
    func reset() { cache.count = 0 }

    /// Drops cached positions from `count` on, keeping a shared prefix for reuse.
    func truncate(to count: Int) { cache.count = min(cache.count, max(count, 0)) }

    /// Appends `tokens` after the cached positions and returns the next-token logits.
    /// The caller guarantees `position + tokens.count <= contextLength` and a non-empty list.
    ///
    /// `batchTokens` is how many tokens llama.cpp would evaluate together here (default: these
    /// tokens): attention sums in the order of the kernel llama.cpp picks for that batch size,
    /// so a prompt whose prefix is cached still follows the prompt path for its suffix.
    func forward(_ tokens: [Int], batchTokens: Int? = nil) -> UnsafeBufferPointer<Float> {
        precondition(!tokens.isEmpty && position + tokens.count <= contextLength)
        var start = 0
        while start < tokens.count {
            // llama.cpp splits an evaluation into ubatches of `referenceBatchSize` tokens.
            let batch = Array(tokens[start..<min(start + Self.referenceBatchSize, tokens.count)])
            let order = AttentionSummationOrder(batchTokens: start == 0 ? max(batchTokens ?? 0, batch.count) : batch.count)
            var offset = 0
            while offset < batch.count {
                let chunk = Array(batch[offset..<min(offset + chunkSize, batch.count)])
                run(chunk, order: order)
                offset += chunk.count
            }
            start += batch.count
        }
        return UnsafeBufferPointer(start: logits.pointer, count: config.vocabularySize)
    }

    /// The ubatch size llama.cpp evaluates prompts with (llama-cpp-python's default n_batch).
    static let referenceBatchSize = 512

    private func run(_ tokens: [Int], order: AttentionSummationOrder) {
        let c = config, n = tokens.count, w = c.width
        let first = cache.count
        for (t, id) in tokens.enumerated() {
            QuantizedMatMul.dequantizeRow(weights.embeddings, id, into: x.pointer + t * w)
        }
        for (l, layer) in weights.layers.enumerated() {
            for t in 0..<n {
                VectorOps.rmsNorm(x.pointer + t * w, normed.pointer + t * w, width: w, gamma: layer.attentionNorm, eps: c.rmsEps)
            }
            widthActs.quantize(normed.pointer, rows: n)
            QuantizedMatMul.multiply([(layer.query, q.pointer), (layer.key, k.pointer), (layer.value, v.pointer)], widthActs)
            for t in 0..<n {
                rope.apply(q.pointer + t * w, heads: c.heads, position: first + t)
                rope.apply(k.pointer + t * c.kvWidth, heads: c.kvHeads, position: first + t)
                cache.store(layer: l, position: first + t, key: k.pointer + t * c.kvWidth, value: v.pointer + t * c.kvWidth)
            }
            attend(layer: l, tokens: n, first: first, order: order)
            widthActs.quantize(attended.pointer, rows: n)
            QuantizedMatMul.multiply(layer.output, widthActs, into: projected.pointer)
            for i in 0..<(n * w) { x[i] += projected[i] }
            for t in 0..<n {
                VectorOps.rmsNorm(x.pointer + t * w, normed.pointer + t * w, width: w, gamma: layer.ffnNorm, eps: c.rmsEps)
            }
            widthActs.quantize(normed.pointer, rows: n)
            QuantizedMatMul.multiply([(layer.gate, gate.pointer), (layer.up, up.pointer)], widthActs)
            VectorOps.swiglu(gate.pointer, up.pointer, n * c.feedForward)
            ffnActs.quantize(gate.pointer, rows: n)
            QuantizedMatMul.multiply(layer.down, ffnActs, into: projected.pointer)
            for i in 0..<(n * w) { x[i] += projected[i] }
        }
        cache.count = first + n
        let last = x.pointer + (n - 1) * w
        VectorOps.rmsNorm(last, normed.pointer, width: w, gamma: weights.outputNorm, eps: c.rmsEps)
        widthActs.quantize(normed.pointer, rows: 1)
        QuantizedMatMul.multiply(weights.outputHead, widthActs, into: logits.pointer)
    }

    /// Causal grouped-query attention of the chunk's queries over the cache, computed as
    /// llama.cpp's non-flash path does: queries and softmax weights rounded to f16 (its f16 cache
    /// products), scores scaled inside the softmax, every sum in `order`.
    private func attend(layer l: Int, tokens n: Int, first: Int, order: AttentionSummationOrder) {
        let c = config, d = c.headDim, group = c.heads / c.kvHeads
        let scale = 1 / Float(d).squareRoot()
        let slotCount = order.slotCount
        Parallel.forRanges(n * c.heads, minimumPerThread: 2) { range in
            let scores = UnsafeMutablePointer<Float>.allocate(capacity: first + n)
            let query = UnsafeMutablePointer<Float>.allocate(capacity: d)
            let slots = UnsafeMutablePointer<Float>.allocate(capacity: slotCount * d)
            defer { scores.deallocate(); query.deallocate(); slots.deallocate() }
            for task in range {
                let t = task / c.heads, h = task % c.heads, kvHead = h / group
                let visible = first + t + 1
                let qh = q.pointer + t * c.width + h * d
                HalfRounding.round(qh, into: query, count: d)
                let keys = cache.key(layer: l, position: 0) + kvHead * d
                let values = cache.value(layer: l, position: 0) + kvHead * d
                order.scores(keys: keys, stride: cache.width, query: query, width: d, count: visible, scale: scale, into: scores)
                AttentionSummationOrder.softmax(scores, visible)
                HalfRounding.round(scores, into: scores, count: visible)
                order.accumulate(values: values, stride: cache.width, weights: scores, width: d, count: visible, into: slots)
                order.reduceSlots(slots, width: d)
                let out = attended.pointer + t * c.width + h * d
                for i in 0..<d { out[i] = slots[i] }
            }
        }
    }
}
