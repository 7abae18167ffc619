/// Facts about how this module was compiled.
public enum LocalModelsBuild {
    /// True when the module was compiled without optimization (`-Onone`), where forward passes
    /// run 20–50× slower. Tests use it to shrink their reference workloads, and say so.
    public static var isUnoptimized: Bool { _isDebugAssertConfiguration() }

    /// True when OpenBLAS and the AVX2 kernels are linked in.
    public static var hasNativeKernels: Bool {
        #if canImport(CLocalKernels) && canImport(CBLAS)
        return true
        #else
        return false
        #endif
    }
}
