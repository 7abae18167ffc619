#if canImport(CLocalKernels)
import CLocalKernels
#endif

/// Rounds `Float`s to the nearest f16 (ties to even) and back, as llama.cpp's conversions to
/// its f16 cache and f16 matmul inputs do.
///
/// Baseline x86-64 has no conversion instruction, so `Float(Float16(x))` is two runtime calls;
/// with the C kernels this uses F16C when the processor has it.
enum HalfRounding {
    /// `y[i] = round(x[i])` for `count` values; `y` may be `x`.
    static func round(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count n: Int) {
        #if canImport(CLocalKernels)
        if lk_round_to_half(x, y, Int32(n)) != 0 { return }
        #endif
        for i in 0..<n { y[i] = Float(Float16(x[i])) }
    }
}
