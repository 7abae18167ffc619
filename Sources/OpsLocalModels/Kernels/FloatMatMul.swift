#if canImport(CBLAS)
import CBLAS
#endif

/// `y = x·Wᵀ (+ b)` for F32 weights laid out `[out, in]` as PyTorch's `Linear` stores them.
///
/// Uses OpenBLAS's `sgemm` when the CBLAS module is linked (it is several times faster than
/// the portable kernel on batches) and a SIMD dot-product kernel split across cores otherwise.
public enum FloatMatMul {
    /// True when OpenBLAS is linked in.
    public static var usesBLAS: Bool {
        #if canImport(CBLAS)
        return true
        #else
        return false
        #endif
    }

    /// - Parameters: `x` is `[rows, inFeatures]`, `weight` `[outFeatures, inFeatures]`, `y` `[rows, outFeatures]`.
    public static func linear(_ x: UnsafePointer<Float>, rows: Int, inFeatures k: Int,
                              weight: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
                              outFeatures m: Int, into y: UnsafeMutablePointer<Float>) {
        #if canImport(CBLAS)
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(m), Int32(k),
                    1, x, Int32(k), weight, Int32(k), 0, y, Int32(m))
        #else
        Parallel.forRanges(m, minimumPerThread: 8) { range in
            for i in 0..<rows {
                let xi = x + i * k
                let yi = y + i * m
                for j in range { yi[j] = VectorOps.dot(xi, weight + j * k, k) }
            }
        }
        #endif
        if let bias {
            for i in 0..<rows {
                let yi = y + i * m
                for j in 0..<m { yi[j] += bias[j] }
            }
        }
    }

    /// General strided product `C[m×n] = A[m×k] · (transposeB ? Bᵀ : B)`, row-major.
    /// With `transposeB`, `B` is `[n, k]`; otherwise `[k, n]`.
    public static func gemm(m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int,
                            b: UnsafePointer<Float>, ldb: Int, transposeB: Bool,
                            c: UnsafeMutablePointer<Float>, ldc: Int) {
        #if canImport(CBLAS)
        cblas_sgemm(CblasRowMajor, CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), 1, a, Int32(lda), b, Int32(ldb), 0, c, Int32(ldc))
        #else
        for i in 0..<m {
            let ci = c + i * ldc
            let ai = a + i * lda
            if transposeB {
                for j in 0..<n { ci[j] = VectorOps.dot(ai, b + j * ldb, k) }
            } else {
                for j in 0..<n { ci[j] = 0 }
                for p in 0..<k { VectorOps.axpy(ai[p], b + p * ldb, ci, n) }
            }
        }
        #endif
    }
}
