/// The element encodings the kernels understand, shared by GGUF and safetensors.
///
/// Quantized types are stored in blocks: `blockSize` elements take `blockBytes` bytes.
public enum TensorType: Sendable, Equatable {
    case f32
    case f16
    /// 32 elements: f16 scale `d`, f16 minimum `m`, 16 bytes of 4-bit values (x = d·q + m).
    case q4_1
    /// 32 elements: f16 scale `d`, 32 signed bytes (x = d·q).
    case q8_0

    /// Elements per block (1 for plain floats).
    public var blockSize: Int {
        switch self {
        case .f32, .f16: return 1
        case .q4_1, .q8_0: return 32
        }
    }

    /// Bytes per block.
    public var blockBytes: Int {
        switch self {
        case .f32: return 4
        case .f16: return 2
        case .q4_1: return 20
        case .q8_0: return 34
        }
    }

    /// Bytes needed for `count` elements, or nil when `count` is not a whole number of blocks.
    public func byteCount(elements count: Int) -> Int? {
        guard count % blockSize == 0 else { return nil }
        let (bytes, overflow) = (count / blockSize).multipliedReportingOverflow(by: blockBytes)
        return overflow ? nil : bytes
    }

    /// Maps a GGML type id; unknown or unsupported ids yield nil.
    init?(ggmlType id: UInt32) {
        switch id {
        case 0: self = .f32
        case 1: self = .f16
        case 3: self = .q4_1
        case 8: self = .q8_0
        default: return nil
        }
    }

    /// The GGML name of a type id, for error messages about types we do not support.
    static func ggmlName(_ id: UInt32) -> String {
        let names: [UInt32: String] = [
            0: "F32", 1: "F16", 2: "Q4_0", 3: "Q4_1", 6: "Q5_0", 7: "Q5_1", 8: "Q8_0", 9: "Q8_1",
            10: "Q2_K", 11: "Q3_K", 12: "Q4_K", 13: "Q5_K", 14: "Q6_K", 15: "Q8_K", 16: "IQ2_XXS",
            17: "IQ2_XS", 18: "IQ3_XXS", 19: "IQ1_S", 20: "IQ4_NL", 21: "IQ3_S", 22: "IQ2_S",
            23: "IQ4_XS", 24: "I8", 25: "I16", 26: "I32", 27: "I64", 28: "F64", 29: "IQ1_M", 30: "BF16",
        ]
        return names[id] ?? "ggml type \(id)"
    }
}
