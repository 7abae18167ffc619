#if canImport(CLocalKernels)
import CLocalKernels
#endif

/// The instruction set of the C kernels: portable C, AVX2/FMA/F16C, or AVX2 with AVX-512 VNNI,
/// detected at first use (`LLMOPS_KERNEL_LEVEL=0|1|2` caps it). Every level gives the same
/// results bit for bit; only speed differs.
public enum KernelLevel: Int, Sendable, Comparable {
    case portable = 0
    case avx2 = 1
    case avx512VNNI = 2

    /// The level in use; `.portable` when the C kernels are not linked.
    public static var current: KernelLevel {
        #if canImport(CLocalKernels)
        return KernelLevel(rawValue: Int(lk_kernel_level())) ?? .portable
        #else
        return .portable
        #endif
    }

    /// Caps the level (tests compare levels) and returns the level now in use.
    @discardableResult
    static func cap(_ level: KernelLevel) -> KernelLevel {
        #if canImport(CLocalKernels)
        return KernelLevel(rawValue: Int(lk_set_kernel_level(Int32(level.rawValue)))) ?? .portable
        #else
        return .portable
        #endif
    }

    public static func < (a: KernelLevel, b: KernelLevel) -> Bool { a.rawValue < b.rawValue }
}
