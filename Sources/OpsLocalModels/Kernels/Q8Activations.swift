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
        for r in 0..<count {
            for b in 0..<blocks {
                let src = UnsafeRawPointer(x + r * width + b * 32)
                let v0 = src.loadUnaligned(as: SIMD16<Float>.self)
                let v1 = src.loadUnaligned(fromByteOffset: 64, as: SIMD16<Float>.self)
                let amax = max(pointwiseMax(v0, -v0).max(), pointwiseMax(v1, -v1).max())
                let d = amax / 127
                // ggml scales by 127/max rather than 1/d; the last bit matters for exact ties.
                let id: Float = amax != 0 ? 127 / amax : 0
                let q0 = (v0 * id).rounded(.toNearestOrEven)
                let q1 = (v1 * id).rounded(.toNearestOrEven)
                let i0 = SIMD16<Int32>(q0), i1 = SIMD16<Int32>(q1)
                let dst = UnsafeMutableRawPointer(quants + r * width + b * 32)
                dst.storeBytes(of: SIMD16<Int8>(truncatingIfNeeded: i0), as: SIMD16<Int8>.self)
                dst.storeBytes(of: SIMD16<Int8>(truncatingIfNeeded: i1), toByteOffset: 16, as: SIMD16<Int8>.self)
                let block = r * blocks + b
                scales[block] = Float(Float16(d))
                sums[block] = Float(Float16(d * Float(i0.wrappedSum() &+ i1.wrappedSum())))
            }
        }
    }
}
