#if canImport(CLocalKernels)
import CLocalKernels
#endif

extension BertPass {
    /// Scaled dot-product attention within each sequence, one task per sequence and head.
    func attention(q: UnsafeMutablePointer<Float>, k: UnsafeMutablePointer<Float>, v: UnsafeMutablePointer<Float>,
                   starts: [Int], into out: UnsafeMutablePointer<Float>) {
        let h = config.hiddenSize, heads = config.heads, d = h / heads
        let scale = 1 / Float(d).squareRoot()
        let longest = zip(starts.dropFirst(), starts).map { $0 - $1 }.max() ?? 0
        forRows((starts.count - 1) * heads, minimum: 1) { range in
            let scores = UnsafeMutablePointer<Float>.allocate(capacity: max(longest, 1))
            defer { scores.deallocate() }
            for task in range {
                let s = task / heads, offset = starts[s] * h + (task % heads) * d
                let length = starts[s + 1] - starts[s]
                #if canImport(CLocalKernels)
                if lk_sequence_attention(q + offset, k + offset, v + offset, h, Int32(length), Int32(d), scale,
                                         out + offset, h, scores) != 0 { continue }
                #endif
                for i in 0..<length {
                    let qi = q + offset + i * h
                    for j in 0..<length { scores[j] = VectorOps.dot(qi, k + offset + j * h, d) * scale }
                    VectorOps.softmax(scores, length)
                    let oi = out + offset + i * h
                    for c in 0..<d { oi[c] = 0 }
                    for j in 0..<length { VectorOps.axpy(scores[j], v + offset + j * h, oi, d) }
                }
            }
        }
    }
}
