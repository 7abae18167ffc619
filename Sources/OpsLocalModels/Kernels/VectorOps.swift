import Foundation
#if canImport(CLocalKernels)
import CLocalKernels
#endif

/// Element-wise and row-wise operations on contiguous `Float` rows.
public enum VectorOps {
    /// Dot product of two length-`n` vectors.
    @inline(__always)
    public static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
        var acc0 = SIMD16<Float>(), acc1 = SIMD16<Float>()
        var i = 0
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        while i + 32 <= n {
            acc0 += ra.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
                * rb.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
            acc1 += ra.loadUnaligned(fromByteOffset: i * 4 + 64, as: SIMD16<Float>.self)
                * rb.loadUnaligned(fromByteOffset: i * 4 + 64, as: SIMD16<Float>.self)
            i += 32
        }
        var sum = (acc0 + acc1).sum()
        while i < n { sum += a[i] * b[i]; i += 1 }
        return sum
    }

    /// `y += a * x` over `n` elements.
    @inline(__always)
    public static func axpy(_ a: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        var i = 0
        let rx = UnsafeRawPointer(x), ry = UnsafeMutableRawPointer(y)
        let va = SIMD16<Float>(repeating: a)
        while i + 16 <= n {
            let v = ry.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
                + va * rx.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
            ry.storeBytes(of: v, toByteOffset: i * 4, as: SIMD16<Float>.self)
            i += 16
        }
        while i < n { y[i] += a * x[i]; i += 1 }
    }

    /// LayerNorm of each of `rows` rows of width `n`, in place: (x − mean)/√(var + eps)·γ + β.
    public static func layerNorm(_ x: UnsafeMutablePointer<Float>, rows: Int, width n: Int,
                                 gamma: UnsafePointer<Float>, beta: UnsafePointer<Float>, eps: Float) {
        for r in 0..<rows {
            let row = x + r * n
            var mean: Float = 0
            for i in 0..<n { mean += row[i] }
            mean /= Float(n)
            var variance: Float = 0
            for i in 0..<n { let d = row[i] - mean; variance += d * d }
            let scale = 1 / (variance / Float(n) + eps).squareRoot()
            for i in 0..<n { row[i] = (row[i] - mean) * scale * gamma[i] + beta[i] }
        }
    }

    /// RMSNorm of one row into `out`: x/√(mean(x²) + eps)·γ.
    /// The sum of squares is accumulated in double precision, as ggml does, so the
    /// normalized values (and their 8-bit quantization) match llama.cpp bit for bit.
    public static func rmsNorm(_ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, width n: Int,
                               gamma: UnsafePointer<Float>, eps: Float) {
        var sum: Double = 0
        for i in 0..<n { sum += Double(x[i] * x[i]) }
        let mean = Float(sum / Double(n))
        let scale = 1 / (mean + eps).squareRoot()
        for i in 0..<n { out[i] = x[i] * scale * gamma[i] }
    }

    /// Softmax of a length-`n` row in place.
    public static func softmax(_ x: UnsafeMutablePointer<Float>, _ n: Int) {
        var maxValue = -Float.infinity
        for i in 0..<n { maxValue = max(maxValue, x[i]) }
        var sum: Float = 0
        for i in 0..<n { let e = expf(x[i] - maxValue); x[i] = e; sum += e }
        let inv = 1 / sum
        for i in 0..<n { x[i] *= inv }
    }

    /// The exact (erf) GELU used by BERT, in place.
    public static func gelu(_ x: UnsafeMutablePointer<Float>, _ n: Int) {
        let invSqrt2: Float = 0.70710678118654752
        Parallel.forRanges(n, minimumPerThread: 8192) { range in
            for i in range { x[i] = 0.5 * x[i] * (1 + erff(x[i] * invSqrt2)) }
        }
    }

    /// SwiGLU: `gate[i] = silu(gate[i]) * up[i]`, with ggml's exp so results match llama.cpp's bits.
    public static func swiglu(_ gate: UnsafeMutablePointer<Float>, _ up: UnsafePointer<Float>, _ n: Int) {
        #if canImport(CLocalKernels)
        lk_swiglu(gate, up, Int32(n))
        #else
        for i in 0..<n { gate[i] = GGMLExp.silu(gate[i]) * up[i] }
        #endif
    }
}
