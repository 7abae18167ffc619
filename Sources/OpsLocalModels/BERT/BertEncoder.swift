import Foundation

/// A BERT encoder that turns token-id sequences into mean-pooled, L2-normalised sentence vectors
/// (the sentence-transformers recipe for all-MiniLM-L6-v2).
///
/// Sequences of a batch are concatenated without padding: linear layers run once over all
/// tokens, attention runs per sequence, so short texts cost nothing for long neighbours.
/// Not thread-safe; `LocalEmbedder` serialises access.
final class BertEncoder {
    let config: BertConfig
    private let weights: BertWeights

    init(config: BertConfig, weights: BertWeights) {
        self.config = config
        self.weights = weights
    }

    /// One unit-length vector per sequence. Every sequence must hold at least one id.
    func embed(_ sequences: [[Int]]) -> [[Float]] {
        let h = config.hiddenSize
        let total = sequences.reduce(0) { $0 + $1.count }
        let hidden = FloatBuffer(count: total * h)
        let q = FloatBuffer(count: total * h), k = FloatBuffer(count: total * h), v = FloatBuffer(count: total * h)
        let context = FloatBuffer(count: total * h)
        let projected = FloatBuffer(count: total * h)
        let inner = FloatBuffer(count: total * config.intermediateSize)
        embedTokens(sequences, into: hidden.pointer)
        let starts = sequences.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        for layer in weights.layers {
            let x = UnsafePointer(hidden.pointer)
            FloatMatMul.linear(x, rows: total, inFeatures: h, weight: layer.query, bias: layer.queryBias, outFeatures: h, into: q.pointer)
            FloatMatMul.linear(x, rows: total, inFeatures: h, weight: layer.key, bias: layer.keyBias, outFeatures: h, into: k.pointer)
            FloatMatMul.linear(x, rows: total, inFeatures: h, weight: layer.value, bias: layer.valueBias, outFeatures: h, into: v.pointer)
            attention(q: q.pointer, k: k.pointer, v: v.pointer, starts: starts, into: context.pointer)
            FloatMatMul.linear(context.pointer, rows: total, inFeatures: h, weight: layer.attentionOut,
                               bias: layer.attentionOutBias, outFeatures: h, into: projected.pointer)
            addAndNorm(hidden.pointer, projected.pointer, rows: total, gamma: layer.attentionNorm, beta: layer.attentionNormBias)
            FloatMatMul.linear(hidden.pointer, rows: total, inFeatures: h, weight: layer.intermediate,
                               bias: layer.intermediateBias, outFeatures: config.intermediateSize, into: inner.pointer)
            VectorOps.gelu(inner.pointer, total * config.intermediateSize)
            FloatMatMul.linear(inner.pointer, rows: total, inFeatures: config.intermediateSize, weight: layer.output,
                               bias: layer.outputBias, outFeatures: h, into: projected.pointer)
            addAndNorm(hidden.pointer, projected.pointer, rows: total, gamma: layer.outputNorm, beta: layer.outputNormBias)
        }
        return sequences.indices.map { meanPoolNormalized(hidden.pointer + starts[$0] * h, count: sequences[$0].count) }
    }

    private func embedTokens(_ sequences: [[Int]], into out: UnsafeMutablePointer<Float>) {
        let h = config.hiddenSize
        var row = 0
        for ids in sequences {
            for (position, id) in ids.enumerated() {
                let dst = out + row * h
                let word = weights.wordEmbeddings + id * h
                let pos = weights.positionEmbeddings + position * h
                for i in 0..<h { dst[i] = word[i] + pos[i] + weights.typeEmbeddings[i] }
                row += 1
            }
        }
        VectorOps.layerNorm(out, rows: row, width: h, gamma: weights.embeddingNorm, beta: weights.embeddingNormBias,
                            eps: config.layerNormEps)
    }

    /// Scaled dot-product attention within each sequence, heads and sequences spread over cores.
    private func attention(q: UnsafeMutablePointer<Float>, k: UnsafeMutablePointer<Float>, v: UnsafeMutablePointer<Float>,
                           starts: [Int], into out: UnsafeMutablePointer<Float>) {
        let h = config.hiddenSize, heads = config.heads, d = h / heads
        let scale = 1 / Float(d).squareRoot()
        let tasks = (starts.count - 1) * heads
        let longest = zip(starts.dropFirst(), starts).map { $0 - $1 }.max() ?? 0
        Parallel.forRanges(tasks) { range in
            let scores = UnsafeMutablePointer<Float>.allocate(capacity: max(longest, 1))
            defer { scores.deallocate() }
            for task in range {
                let s = task / heads, head = task % heads
                let start = starts[s], length = starts[s + 1] - start
                for i in 0..<length {
                    let qi = q + (start + i) * h + head * d
                    for j in 0..<length { scores[j] = VectorOps.dot(qi, k + (start + j) * h + head * d, d) * scale }
                    VectorOps.softmax(scores, length)
                    let oi = out + (start + i) * h + head * d
                    for c in 0..<d { oi[c] = 0 }
                    for j in 0..<length { VectorOps.axpy(scores[j], v + (start + j) * h + head * d, oi, d) }
                }
            }
        }
    }

    private func addAndNorm(_ x: UnsafeMutablePointer<Float>, _ delta: UnsafePointer<Float>, rows: Int,
                            gamma: UnsafePointer<Float>, beta: UnsafePointer<Float>) {
        let n = rows * config.hiddenSize
        for i in 0..<n { x[i] += delta[i] }
        VectorOps.layerNorm(x, rows: rows, width: config.hiddenSize, gamma: gamma, beta: beta, eps: config.layerNormEps)
    }

    private func meanPoolNormalized(_ rows: UnsafePointer<Float>, count: Int) -> [Float] {
        let h = config.hiddenSize
        var pooled = [Float](repeating: 0, count: h)
        for r in 0..<count {
            for i in 0..<h { pooled[i] += rows[r * h + i] }
        }
        var norm: Float = 0
        for i in 0..<h { pooled[i] /= Float(count); norm += pooled[i] * pooled[i] }
        // sentence-transformers' Normalize clamps the norm at 1e-12.
        let inv = 1 / max(norm.squareRoot(), 1e-12)
        return pooled.map { $0 * inv }
    }
}
