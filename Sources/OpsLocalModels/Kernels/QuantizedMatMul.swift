#if canImport(CLocalKernels)
import CLocalKernels
#endif

/// Products of a quantized weight matrix `[outFeatures, inFeatures]` (rows contiguous, as GGUF
/// stores linear weights) with 8-bit quantized activation rows, split across cores by output row.
public enum QuantizedMatMul {
    /// `y[n, out] = x[n, in] · Wᵀ`, with `x` already quantized.
    static func multiply(_ w: Tensor, _ x: Q8Activations, into y: UnsafeMutablePointer<Float>) {
        multiply([(w, y)], x)
    }

    /// Several products sharing one input (Q, K and V; gate and up) in one parallel region:
    /// their rows are split across cores together, which halves the thread hand-offs per token.
    static func multiply(_ products: [(weight: Tensor, output: UnsafeMutablePointer<Float>)], _ x: Q8Activations) {
        let n = x.rows, blocks = x.blocksPerRow
        for (w, _) in products {
            precondition(blocks * 32 == w.columns && (w.type == .q4_1 || w.type == .q8_0))
        }
        let starts = products.reduce(into: [0]) { $0.append($0.last! + $1.weight.rows) }
        Parallel.forRanges(starts.last!, minimumPerThread: 64) { range in
            for (p, (w, y)) in products.enumerated() {
                let lower = max(range.lowerBound, starts[p]) - starts[p]
                let upper = min(range.upperBound, starts[p + 1]) - starts[p]
                if lower < upper { rows(w, lower..<upper, x, n, blocks, y) }
            }
        }
    }

    private static func rows(_ w: Tensor, _ range: Range<Int>, _ x: Q8Activations, _ n: Int, _ blocks: Int,
                             _ y: UnsafeMutablePointer<Float>) {
        let outFeatures = w.rows, rowBytes = w.rowBytes, base = w.data
        #if canImport(CLocalKernels)
        if w.type == .q4_1 {
            lk_matmul_q4_1(base, rowBytes, Int32(range.lowerBound), Int32(range.upperBound), Int32(blocks),
                           x.quants, x.scales, x.sums, Int32(n), y, Int32(outFeatures))
        } else {
            lk_matmul_q8_0(base, rowBytes, Int32(range.lowerBound), Int32(range.upperBound), Int32(blocks),
                           x.quants, x.scales, Int32(n), y, Int32(outFeatures))
        }
        #else
        let halves = HalfTable.values
        for j in range {
            let row = base + j * rowBytes
            for t in 0..<n {
                y[t * outFeatures + j] = w.type == .q4_1 ? dotQ4_1(row, x, t, halves) : dotQ8_0(row, x, t, halves)
            }
        }
        #endif
    }

    @inline(__always)
    static func half(_ p: UnsafeRawPointer, _ offset: Int) -> Float {
        Float(Float16(bitPattern: p.loadUnaligned(fromByteOffset: offset, as: UInt16.self)))
    }

    // The portable kernels keep ggml's AVX2 summation order: eight float lanes, lane k holding
    // elements 4k..4k+3 of each block, folded (0-3 + 4-7), then pairs. The integer sums are
    // exact, so matching the float order makes the results bit-identical to llama.cpp's.

    @inline(__always)
    static func fold(_ acc: SIMD8<Float>) -> Float {
        let quad = acc.lowHalf + acc.highHalf
        return (quad[0] + quad[2]) + (quad[1] + quad[3])
    }

    /// One Q4_1 weight row against activation row `t`: Σ d_w·d_x·Σ(q_w·q_x) + m_w·s_x.
    @inline(__always)
    static func dotQ4_1(_ row: UnsafeRawPointer, _ x: Q8Activations, _ t: Int, _ halves: UnsafePointer<Float>) -> Float {
        let blocks = x.blocksPerRow
        let qx = x.quants + t * x.width
        let dx = x.scales + t * blocks, sx = x.sums + t * blocks
        var acc = SIMD8<Float>.zero
        var mins: Float = 0
        for b in 0..<blocks {
            let block = row + b * 20
            let nibbles = (block + 4).assumingMemoryBound(to: UInt8.self)
            let a = qx + b * 32
            var lanes = SIMD8<Float>.zero
            for k in 0..<4 {
                var low: Int32 = 0, high: Int32 = 0
                for i in (4 * k)..<(4 * k + 4) {
                    low &+= Int32(nibbles[i] & 0x0F) &* Int32(a[i])
                    high &+= Int32(nibbles[i] >> 4) &* Int32(a[i + 16])
                }
                lanes[k] = Float(low)
                lanes[k + 4] = Float(high)
            }
            let d = halves[Int(block.loadUnaligned(as: UInt16.self))] * dx[b]
            acc = acc.addingProduct(SIMD8(repeating: d), lanes)
            mins += halves[Int(block.loadUnaligned(fromByteOffset: 2, as: UInt16.self))] * sx[b]
        }
        return fold(acc) + mins
    }

    /// One Q8_0 weight row against activation row `t`: Σ d_w·d_x·Σ(q_w·q_x).
    @inline(__always)
    static func dotQ8_0(_ row: UnsafeRawPointer, _ x: Q8Activations, _ t: Int, _ halves: UnsafePointer<Float>) -> Float {
        let blocks = x.blocksPerRow
        let qx = x.quants + t * x.width
        let dx = x.scales + t * blocks
        var acc = SIMD8<Float>.zero
        for b in 0..<blocks {
            let block = row + b * 34
            let w = (block + 2).assumingMemoryBound(to: Int8.self)
            let a = qx + b * 32
            var lanes = SIMD8<Float>.zero
            for k in 0..<8 {
                var sum: Int32 = 0
                for i in (4 * k)..<(4 * k + 4) { sum &+= Int32(w[i]) &* Int32(a[i]) }
                lanes[k] = Float(sum)
            }
            let d = halves[Int(block.loadUnaligned(as: UInt16.self))] * dx[b]
            acc = acc.addingProduct(SIMD8(repeating: d), lanes)
        }
        return fold(acc)
    }

    /// Dequantizes row `j` of `w` into `out` (`w.columns` floats), e.g. an embedding lookup.
    public static func dequantizeRow(_ w: Tensor, _ j: Int, into out: UnsafeMutablePointer<Float>) {
        let row = w.data + j * w.rowBytes
        switch w.type {
        case .f32:
            out.update(from: row.assumingMemoryBound(to: Float.self), count: w.columns)
        case .f16:
            for i in 0..<w.columns { out[i] = half(row, i * 2) }
        case .q8_0:
            for b in 0..<(w.columns / 32) {
                let block = row + b * 34
                let d = half(block, 0)
                for i in 0..<32 { out[b * 32 + i] = d * Float(block.load(fromByteOffset: 2 + i, as: Int8.self)) }
            }
        case .q4_1:
            for b in 0..<(w.columns / 32) {
                let block = row + b * 20
                let d = half(block, 0), m = half(block, 2)
                for i in 0..<16 {
                    let byte = block.load(fromByteOffset: 4 + i, as: UInt8.self)
                    out[b * 32 + i] = d * Float(byte & 0x0F) + m
                    out[b * 32 + i + 16] = d * Float(byte >> 4) + m
                }
            }
        }
    }
}
