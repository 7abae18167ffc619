/// A GGUF (version 2 or 3) model file: metadata, tensor directory and memory-mapped data.
///
/// Every offset and size is checked against the file length while parsing, so a truncated
/// or corrupt file yields `LocalModelError.corruptFile` with the offending offset.
public final class GGUFFile: @unchecked Sendable {
    /// Directory entry of one tensor as written in the file.
    public struct TensorInfo: Sendable {
        public let name: String
        /// GGML dimension order: `dimensions[0]` is the innermost (contiguous) one.
        public let dimensions: [Int]
        public let typeID: UInt32
        /// Offset relative to the start of the data section.
        public let offset: Int
    }

    public let file: MappedFile
    public let version: UInt32
    public let metadata: [String: GGUFValue]
    public let tensorInfos: [TensorInfo]
    public let alignment: Int
    /// Absolute file offset of the aligned tensor data section.
    public let dataOffset: Int
    private let index: [String: Int]

    public var path: String { file.path }

    /// Opens and validates `path`.
    public convenience init(path: String) throws {
        try self.init(file: MappedFile(path: path))
    }

    public init(file: MappedFile) throws {
        self.file = file
        var cursor = file.cursor()
        let magic = try cursor.read(UInt32.self, "magic")
        guard magic == 0x4655_4747 else { throw cursor.corrupt("not a GGUF file (bad magic)", at: 0) }
        version = try cursor.read(UInt32.self, "version")
        guard version == 2 || version == 3 else {
            throw cursor.corrupt("unsupported GGUF version \(version)", at: 4)
        }
        // Each tensor info and key/value pair takes at least 8 bytes, bounding corrupt counts.
        let tensorCount = try cursor.readCount("tensor count", maxCount: cursor.remaining / 8)
        let kvCount = try cursor.readCount("metadata count", maxCount: cursor.remaining / 8)
        var metadata: [String: GGUFValue] = [:]
        for _ in 0..<kvCount {
            let key = try cursor.readString("metadata key")
            let type = try cursor.read(UInt32.self, "metadata type")
            metadata[key] = try GGUFValue.read(type: type, from: &cursor)
        }
        var infos: [TensorInfo] = []
        infos.reserveCapacity(tensorCount)
        for _ in 0..<tensorCount {
            let name = try cursor.readString("tensor name")
            let dimsStart = cursor.offset
            let nDims = Int(try cursor.read(UInt32.self, "dimension count"))
            guard (1...4).contains(nDims) else { throw cursor.corrupt("tensor \(name) has \(nDims) dimensions", at: dimsStart) }
            var dims: [Int] = []
            for _ in 0..<nDims { dims.append(try cursor.readCount("dimension of \(name)", maxCount: 1 << 40)) }
            let type = try cursor.read(UInt32.self, "tensor type")
            let offset = try cursor.readCount("offset of \(name)", maxCount: file.bytes.count)
            infos.append(TensorInfo(name: name, dimensions: dims, typeID: type, offset: offset))
        }
        self.metadata = metadata
        let alignment = metadata["general.alignment"]?.int ?? 32
        guard alignment > 0, alignment & (alignment - 1) == 0 else {
            throw cursor.corrupt("general.alignment \(alignment) is not a power of two")
        }
        self.alignment = alignment
        dataOffset = (cursor.offset + alignment - 1) / alignment * alignment
        tensorInfos = infos
        index = Dictionary(infos.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        try validateTensorBounds()
    }

    private func validateTensorBounds() throws {
        for info in tensorInfos {
            let start = dataOffset + info.offset
            guard info.offset % alignment == 0 else {
                throw LocalModelError.corruptFile(file: path, offset: start, reason: "tensor \(info.name) is not aligned to \(alignment)")
            }
            var elements = 1
            for d in info.dimensions {
                let (product, overflow) = elements.multipliedReportingOverflow(by: d)
                guard !overflow else {
                    throw LocalModelError.corruptFile(file: path, offset: start, reason: "tensor \(info.name) dimensions overflow")
                }
                elements = product
            }
            // Unsupported types are reported when the tensor is used, not here.
            guard let type = TensorType(ggmlType: info.typeID) else { continue }
            guard let size = type.byteCount(elements: elements), size <= file.bytes.count - start else {
                throw LocalModelError.corruptFile(
                    file: path, offset: start,
                    reason: "tensor \(info.name) (\(elements) elements) runs past the end of the file (\(file.bytes.count) bytes)")
            }
        }
    }

    /// The tensor named `name`, with `shape` listed outermost first.
    public func tensor(_ name: String) throws -> Tensor {
        guard let i = index[name] else { throw LocalModelError.missingEntry(file: path, name: "tensor \(name)") }
        let info = tensorInfos[i]
        guard let type = TensorType(ggmlType: info.typeID) else {
            throw LocalModelError.unsupportedTensorType(tensor: name, type: TensorType.ggmlName(info.typeID))
        }
        let pointer = file.bytes.baseAddress! + dataOffset + info.offset
        return Tensor(name: name, type: type, shape: info.dimensions.reversed(), data: pointer, owner: file)
    }

    public func hasTensor(_ name: String) -> Bool { index[name] != nil }

    /// A metadata value that must be present.
    public func required(_ key: String) throws -> GGUFValue {
        guard let value = metadata[key] else { throw LocalModelError.missingEntry(file: path, name: "metadata \(key)") }
        return value
    }

    public func requiredInt(_ key: String) throws -> Int {
        guard let v = try required(key).int else { throw LocalModelError.missingEntry(file: path, name: "integer \(key)") }
        return v
    }

    public func requiredDouble(_ key: String) throws -> Double {
        guard let v = try required(key).double else { throw LocalModelError.missingEntry(file: path, name: "number \(key)") }
        return v
    }

    public func requiredStrings(_ key: String) throws -> [String] {
        guard let array = try required(key).array else { throw LocalModelError.missingEntry(file: path, name: "array \(key)") }
        return array.map { $0.string ?? "" }
    }
}
