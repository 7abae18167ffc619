#if canImport(CLocalKernels)
import CLocalKernels
#endif

/// Activation rows quantized to 8 bits in blocks of 32, the way llama.cpp prepares the
/// right-hand side of a Q4_1 (`Q8_1`) or Q8_0 (`Q8_0`) matrix product.
///
/// Per block: `d = max|x| / 127` (rounded to f16, as ggml stores it), `q = round(x / d)`,
/// and `s = d·Σq` (also f16-rounded) for the Q4_1 minimum term. Reproducing this rounding is
/// what lets greedy decoding follow llama.cpp token for token.
final class Q8Activations {
    private(set) var rows = 0
    let width: Int
    let capacity: Int
    let quants: UnsafeMutablePointer<Int8>
    let scales: UnsafeMutablePointer<Float>
    let sums: UnsafeMutablePointer<Float>

    init(width: Int, capacity: Int) {
        precondition(width % 32 == 0, "row width must be a multiple of 32")
        self.width = width
        self.capacity = capacity
        quants = .allocate(capacity: width * capacity)
        scales = .allocate(capacity: width / 32 * capacity)
        sums = .allocate(capacity: width / 32 * capacity)
    }

    deinit {
        quants.deallocate()
        scales.deallocate()
        sums.deallocate()
    }

    var blocksPerRow: Int { width / 32 }

    /// Quantizes `count` rows of `width` floats starting at `x`.
    func quantize(_ x: UnsafePointer<Float>, rows count: Int) {
        precondition(count <= capacity)
        rows = count
        let blocks = blocksPerRow
        #if canImport(CLocalKernels)
        let amax = UnsafeMutablePointer<Float>.allocate(capacity: blocks)
        let sumsI = UnsafeMutablePointer<Int32>.allocate(capacity: blocks)
        defer { amax.deallocate(); sumsI.deallocate() }
        for r in 0..<count {
            lk_quantize_q8(x + r * width, Int32(blocks), quants + r * width, amax, sumsI)
            for b in 0..<blocks {
                let d = amax[b] / 127
                scales[r * blocks + b] = Float(Float16(d))
                sums[r * blocks + b] = Float(Float16(d * Float(sumsI[b])))
            }
        }
        #else
        for r in 0..<count {
            for b in 0..<blocks {
                let src = x + r * width + b * 32
                var amax: Float = 0
                for i in 0..<32 { amax = max(amax, abs(src[i])) }
                let d = amax / 127
                // ggml scales by 127/max rather than 1/d; the last bit matters for rounding ties.
                let id: Float = amax != 0 ? 127 / amax : 0
                var sum: Int32 = 0
                let dst = quants + r * width + b * 32
                for i in 0..<32 {
                    let value = Int8((src[i] * id).rounded(.toNearestOrEven))
                    dst[i] = value
                    sum += Int32(value)
                }
                scales[r * blocks + b] = Float(Float16(d))
                sums[r * blocks + b] = Float(Float16(d * Float(sum)))
            }
        }
        #endif
    }
}
