/// A read-only view of one tensor's bytes inside a memory-mapped model file.
///
/// `shape` is listed outermost first (row-major): a `[rows, columns]` matrix stores each
/// row of `columns` elements contiguously, as both PyTorch and GGML do for linear weights.
public struct Tensor: @unchecked Sendable {
    public let name: String
    public let type: TensorType
    public let shape: [Int]
    /// Start of the tensor's bytes; kept alive by `owner`.
    public let data: UnsafeRawPointer
    let owner: MappedFile

    public var elementCount: Int { shape.reduce(1, *) }
    /// Number of rows when viewed as a matrix (all but the last dimension).
    public var rows: Int { shape.dropLast().reduce(1, *) }
    /// Elements per row (the last dimension).
    public var columns: Int { shape.last ?? 1 }
    /// Bytes per row.
    public var rowBytes: Int { columns / type.blockSize * type.blockBytes }

    /// The tensor's values as F32, requiring it to be stored as F32.
    public func floats() throws -> UnsafeBufferPointer<Float> {
        guard type == .f32 else {
            throw LocalModelError.unsupportedTensorType(tensor: name, type: "\(type) where F32 was expected")
        }
        return UnsafeBufferPointer(start: data.assumingMemoryBound(to: Float.self), count: elementCount)
    }

    /// Checks the shape, naming the tensor and file when it differs.
    public func expect(shape expected: [Int]) throws {
        guard shape == expected else {
            throw LocalModelError.corruptFile(
                file: owner.path, offset: data - owner.bytes.baseAddress!,
                reason: "tensor \(name) has shape \(shape), expected \(expected)")
        }
    }
}
