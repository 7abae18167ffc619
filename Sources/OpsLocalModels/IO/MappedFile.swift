import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only memory map of a whole file; tensors point straight into it.
///
/// Pages are loaded by the kernel on first touch and shared with the page cache, so a
/// 100 MB model costs resident memory only for the parts actually read.
public final class MappedFile: @unchecked Sendable {
    /// The path the map was opened from, used in error messages.
    public let path: String
    /// The mapped bytes; valid for the lifetime of this object.
    public let bytes: UnsafeRawBufferPointer

    /// Maps `path`, throwing `weightsMissing` when it does not exist.
    public init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw LocalModelError.weightsMissing(path: path) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw LocalModelError.weightsMissing(path: path) }
        let size = Int(info.st_size)
        if size == 0 {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else {
            throw LocalModelError.corruptFile(file: path, offset: 0, reason: "cannot map \(size) bytes")
        }
        bytes = UnsafeRawBufferPointer(start: base, count: size)
    }

    deinit {
        if let base = bytes.baseAddress {
            munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
        }
    }

    /// A bounds-checked cursor positioned at `offset`.
    func cursor(at offset: Int = 0) -> ByteCursor {
        ByteCursor(bytes: bytes, file: path, offset: offset)
    }
}
