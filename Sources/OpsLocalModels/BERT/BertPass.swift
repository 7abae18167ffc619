#if canImport(CLocalKernels)
import CLocalKernels
#endif

/// One forward pass of the BERT encoder over a set of sequences, in buffers of its own, so that
/// passes over different sequences can run at once on different cores.
///
/// With `parallel`, each operation is itself split across the cores (for a single pass over a
/// small batch); without it everything runs on the calling thread.
struct BertPass {
    let config: BertConfig
    let weights: BertWeights
    let sequences: [[Int]]
    let parallel: Bool

    /// One unit-length vector per sequence.
    func run() -> [[Float]] {
        let h = config.hiddenSize, f = config.intermediateSize
        let total = sequences.reduce(0) { $0 + $1.count }
        let hidden = FloatBuffer(count: total * h)
        let q = FloatBuffer(count: total * h), k = FloatBuffer(count: total * h), v = FloatBuffer(count: total * h)
        let context = FloatBuffer(count: total * h), projected = FloatBuffer(count: total * h)
        let inner = FloatBuffer(count: total * f)
        let starts = sequences.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        embedTokens(into: hidden.pointer)
        let x = hidden.pointer
        for layer in weights.layers {
            linear(x, h, layer.query, layer.queryBias, h, q.pointer, rows: total)
            linear(x, h, layer.key, layer.keyBias, h, k.pointer, rows: total)
            linear(x, h, layer.value, layer.valueBias, h, v.pointer, rows: total)
            attention(q: q.pointer, k: k.pointer, v: v.pointer, starts: starts, into: context.pointer)
            linear(context.pointer, h, layer.attentionOut, nil, h, projected.pointer, rows: total)
            addAndNorm(x, projected.pointer, bias: layer.attentionOutBias, rows: total,
                       gamma: layer.attentionNorm, beta: layer.attentionNormBias)
            linear(x, h, layer.intermediate, nil, f, inner.pointer, rows: total)
            biasGELU(inner.pointer, bias: layer.intermediateBias, rows: total)
            linear(inner.pointer, f, layer.output, nil, h, projected.pointer, rows: total)
            addAndNorm(x, projected.pointer, bias: layer.outputBias, rows: total,
                       gamma: layer.outputNorm, beta: layer.outputNormBias)
        }
        return sequences.indices.map { meanPoolNormalized(x + starts[$0] * h, count: sequences[$0].count) }
    }

    private func linear(_ x: UnsafePointer<Float>, _ inFeatures: Int, _ weight: UnsafePointer<Float>,
                        _ bias: UnsafePointer<Float>?, _ outFeatures: Int, _ y: UnsafeMutablePointer<Float>, rows: Int) {
        FloatMatMul.linear(x, rows: rows, inFeatures: inFeatures, weight: weight, bias: bias, outFeatures: outFeatures,
                           into: y, parallel: parallel)
    }

    private func embedTokens(into out: UnsafeMutablePointer<Float>) {
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

    /// `x = LayerNorm(x + delta + bias)`, row by row.
    private func addAndNorm(_ x: UnsafeMutablePointer<Float>, _ delta: UnsafePointer<Float>, bias: UnsafePointer<Float>,
                            rows: Int, gamma: UnsafePointer<Float>, beta: UnsafePointer<Float>) {
        let h = config.hiddenSize, eps = config.layerNormEps
        #if canImport(CLocalKernels)
        if lk_add_layernorm(x, delta, bias, Int32(rows), Int32(h), gamma, beta, eps) != 0 { return }
        #endif
        for r in 0..<rows {
            for i in 0..<h { x[r * h + i] += delta[r * h + i] + bias[i] }
        }
        VectorOps.layerNorm(x, rows: rows, width: h, gamma: gamma, beta: beta, eps: eps)
    }

    /// `y = gelu(y + bias)` over rows of the intermediate width.
    private func biasGELU(_ y: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>, rows: Int) {
        let f = config.intermediateSize
        forRows(rows, minimum: 8) { range in
            let first = y + range.lowerBound * f
            #if canImport(CLocalKernels)
            _ = lk_bias_gelu(first, bias, Int32(range.count), Int32(f))
            #else
            for r in 0..<range.count {
                for i in 0..<f { first[r * f + i] += bias[i] }
            }
            VectorOps.gelu(first, range.count * f)
            #endif
        }
    }

    /// `body` over `0..<count`, split across the cores only in a parallel pass.
    func forRows(_ count: Int, minimum: Int, _ body: (Range<Int>) -> Void) {
        if parallel {
            Parallel.forRanges(count, minimumPerThread: minimum, body)
        } else if count > 0 {
            body(0..<count)
        }
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
