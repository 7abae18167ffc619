import Foundation

/// A safetensors file: an 8-byte header length, a JSON header, then raw little-endian tensors.
///
/// Tensors are returned as views into the memory map; nothing is copied.
public final class SafeTensorsFile: @unchecked Sendable {
    public let file: MappedFile
    /// The `__metadata__` string map, if the file has one.
    public let metadata: [String: String]
    private let entries: [String: (type: TensorType?, dtype: String, shape: [Int], begin: Int, end: Int)]
    private let dataOffset: Int

    public var path: String { file.path }
    public var tensorNames: [String] { entries.keys.sorted() }

    public convenience init(path: String) throws {
        try self.init(file: MappedFile(path: path))
    }

    public init(file: MappedFile) throws {
        self.file = file
        var cursor = file.cursor()
        let headerLength = try cursor.readCount("header length", maxCount: max(cursor.remaining - 8, 0))
        let headerBytes = try cursor.readBytes(headerLength, "JSON header")
        dataOffset = cursor.offset
        let json = try? JSONSerialization.jsonObject(with: Data(headerBytes))
        guard let header = json as? [String: Any] else {
            throw cursor.corrupt("header is not a JSON object", at: 8)
        }
        metadata = header["__metadata__"] as? [String: String] ?? [:]
        let dataLength = file.bytes.count - dataOffset
        var entries: [String: (TensorType?, String, [Int], Int, Int)] = [:]
        for (name, value) in header where name != "__metadata__" {
            guard let entry = value as? [String: Any],
                  let dtype = entry["dtype"] as? String,
                  let shape = entry["shape"] as? [Int],
                  let offsets = entry["data_offsets"] as? [Int], offsets.count == 2 else {
                throw cursor.corrupt("header entry for \(name) lacks dtype, shape or data_offsets", at: 8)
            }
            let (begin, end) = (offsets[0], offsets[1])
            guard begin >= 0, begin <= end, end <= dataLength else {
                throw cursor.corrupt("tensor \(name) spans bytes \(begin)..<\(end) beyond the data section of \(dataLength) bytes",
                                     at: dataOffset + min(max(begin, 0), dataLength))
            }
            let type: TensorType? = dtype == "F32" ? .f32 : dtype == "F16" ? .f16 : nil
            if let type {
                let elements = shape.reduce(1) { $0.multipliedReportingOverflow(by: $1).overflow ? -1 : $0 * $1 }
                guard shape.allSatisfy({ $0 >= 0 }), elements >= 0, type.byteCount(elements: elements) == end - begin else {
                    throw cursor.corrupt("tensor \(name) of shape \(shape) does not fill its \(end - begin) bytes",
                                         at: dataOffset + begin)
                }
            }
            entries[name] = (type, dtype, shape, begin, end)
        }
        self.entries = entries
    }

    public func hasTensor(_ name: String) -> Bool { entries[name] != nil }

    /// The tensor named `name`; only F32 and F16 tensors can be read.
    public func tensor(_ name: String) throws -> Tensor {
        guard let entry = entries[name] else { throw LocalModelError.missingEntry(file: path, name: "tensor \(name)") }
        guard let type = entry.type else { throw LocalModelError.unsupportedTensorType(tensor: name, type: entry.dtype) }
        let pointer = file.bytes.baseAddress! + dataOffset + entry.begin
        return Tensor(name: name, type: type, shape: entry.shape, data: pointer, owner: file)
    }
}
