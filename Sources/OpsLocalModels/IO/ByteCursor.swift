import Foundation

/// A little-endian reader over raw bytes in which every read is bounds-checked.
///
/// Running past the end throws `LocalModelError.corruptFile` naming the file and offset,
/// so a truncated download is reported instead of crashing the process.
struct ByteCursor {
    let bytes: UnsafeRawBufferPointer
    let file: String
    private(set) var offset: Int

    init(bytes: UnsafeRawBufferPointer, file: String, offset: Int = 0) {
        self.bytes = bytes
        self.file = file
        self.offset = offset
    }

    var remaining: Int { bytes.count - offset }

    func corrupt(_ reason: String, at position: Int? = nil) -> LocalModelError {
        .corruptFile(file: file, offset: position ?? offset, reason: reason)
    }

    mutating func require(_ count: Int, _ what: String) throws {
        guard count >= 0, count <= remaining else {
            throw corrupt("needs \(count) bytes for \(what) but only \(max(remaining, 0)) remain")
        }
    }

    mutating func read<T: FixedWidthInteger>(_ type: T.Type, _ what: String = "integer") throws -> T {
        try require(MemoryLayout<T>.size, what)
        let value = bytes.loadUnaligned(fromByteOffset: offset, as: T.self)
        offset += MemoryLayout<T>.size
        return T(littleEndian: value)
    }

    mutating func readFloat() throws -> Float {
        Float(bitPattern: try read(UInt32.self, "float32"))
    }

    mutating func readDouble() throws -> Double {
        Double(bitPattern: try read(UInt64.self, "float64"))
    }

    /// Reads a count that must fit in memory, rejecting absurd values before allocating.
    mutating func readCount(_ what: String, maxCount: Int = 1 << 31) throws -> Int {
        let start = offset
        let raw = try read(UInt64.self, what)
        guard raw <= UInt64(maxCount) else { throw corrupt("\(what) \(raw) is implausibly large", at: start) }
        return Int(raw)
    }

    mutating func readBytes(_ count: Int, _ what: String) throws -> UnsafeRawBufferPointer {
        try require(count, what)
        let slice = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
        offset += count
        return slice
    }

    /// Reads a GGUF-style string: a 64-bit length then UTF-8 bytes.
    mutating func readString(_ what: String = "string") throws -> String {
        let length = try readCount("\(what) length", maxCount: remaining)
        let raw = try readBytes(length, what)
        return String(decoding: raw, as: UTF8.self)
    }

    mutating func seek(to position: Int) throws {
        guard position >= 0, position <= bytes.count else {
            throw corrupt("offset \(position) is past the end of the file (\(bytes.count) bytes)", at: offset)
        }
        offset = position
    }
}
