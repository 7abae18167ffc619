/// Every IEEE half-precision value as a `Float`, indexed by its bit pattern.
///
/// Baseline x86-64 has no half-to-float instruction, so `Float(Float16)` is a library call;
/// a 256 KB table is far cheaper in the portable kernels' inner loops.
enum HalfTable {
    static let values: UnsafePointer<Float> = {
        let table = UnsafeMutablePointer<Float>.allocate(capacity: 65_536)
        for bits in 0..<65_536 { table[bits] = Float(Float16(bitPattern: UInt16(bits))) }
        return UnsafePointer(table)
    }()
}
