#if canImport(CBLAS)
import CBLAS
#endif

/// `y = x·Wᵀ (+ b)` for F32 weights laid out `[out, in]` as PyTorch's `Linear` stores them.
///
/// Uses OpenBLAS's `sgemm` when the CBLAS module is linked (it is several times faster than
/// the portable kernel on batches) and a SIMD dot-product kernel otherwise.
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
    ///   With `parallel` the output columns are split across the cores; otherwise the product runs
    ///   on the calling thread (callers that run several products at once split the work themselves).
    public static func linear(_ x: UnsafePointer<Float>, rows: Int, inFeatures k: Int,
                              weight: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
                              outFeatures m: Int, into y: UnsafeMutablePointer<Float>, parallel: Bool = false) {
        if parallel {
            Parallel.forRanges(m, minimumPerThread: 32) { columns in
                product(x, rows: rows, k, weight + columns.lowerBound * k, columns.count, y + columns.lowerBound, ldc: m)
            }
        } else {
            product(x, rows: rows, k, weight, m, y, ldc: m)
        }
        if let bias {
            for i in 0..<rows {
                let yi = y + i * m
                for j in 0..<m { yi[j] += bias[j] }
            }
        }
    }

    #if canImport(CBLAS)
    // OpenBLAS's own threads spin-yield between calls and would compete with the kernels'
    // worker pool for the same cores; the callers split the work, so each call runs on one thread.
    private static let singleThreaded: Void = openblas_set_num_threads(1)
    #endif

    /// `y[:, 0..<n] = x · w[0..<n]ᵀ` with `y` rows `ldc` apart, on the calling thread.
    private static func product(_ x: UnsafePointer<Float>, rows: Int, _ k: Int, _ w: UnsafePointer<Float>, _ n: Int,
                                _ y: UnsafeMutablePointer<Float>, ldc: Int) {
        #if canImport(CBLAS)
        _ = singleThreaded
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(n), Int32(k),
                    1, x, Int32(k), w, Int32(k), 0, y, Int32(ldc))
        #else
        for i in 0..<rows {
            let xi = x + i * k
            let yi = y + i * ldc
            for j in 0..<n { yi[j] = VectorOps.dot(xi, w + j * k, k) }
        }
        #endif
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
