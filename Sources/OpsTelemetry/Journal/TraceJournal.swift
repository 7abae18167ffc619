#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

/// Strict mode's write-ahead file for traces: one `write` per call puts the trace on disk (in the
/// kernel's page cache, like a SQLite WAL commit under `synchronous = NORMAL`: it survives the
/// process dying, not the machine losing power), so the response can go out at once while the
/// writer thread applies traces to the database in batches, as in fast mode.
///
/// Records carry increasing sequence numbers. The database keeps the highest number it has
/// applied in the same transaction as the traces (`JournaledTraceWriting`), so recovery after a
/// crash applies exactly the records after it, once, and a trace deleted later never comes back.
/// Records go to segment files named by their first sequence number; a segment is rotated at
/// `segmentBytes` and removed once every record in it is applied.
///
/// One process owns a journal directory (an exclusive `flock` on `lock`); a second opener gets
/// `TraceJournalError.locked`.
public final class TraceJournal: Sendable {
    public let directory: String
    public let segmentBytes: Int
    private let lockDescriptor: Int32
    private let state: Mutex<State>

    private struct Segment {
        var path: String
        var lastSeq: UInt64
    }

    private struct State {
        var descriptor: Int32 = -1
        var currentPath = ""
        var currentSize = 0
        var nextSeq: UInt64 = 1
        var closed: [Segment] = []
        /// Set when a failed write could not be undone: later appends would follow a damaged frame.
        var broken = false
    }

    /// What `recover` found: the records not yet applied, in order.
    public struct Recovery: Sendable {
        public var records: [(seq: UInt64, payload: [UInt8])]
        /// Bytes after the last whole frame of a segment (an unfinished write), ignored.
        public var tornBytes: Int
    }

    /// Opens (creating) the directory and takes its lock. Call `recover(after:)`, apply what it
    /// returns, then `start()` before the first `append`.
    public init(directory: String, segmentBytes: Int = 8 << 20) throws {
        self.directory = directory
        self.segmentBytes = segmentBytes
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw TraceJournalError.io("cannot create the trace journal directory \(directory): \(error.localizedDescription)")
        }
        let lockPath = directory + "/lock"
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw TraceJournalError.io("cannot open \(lockPath): \(Self.errnoText())") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw TraceJournalError.locked("another llmops process holds the trace journal \(directory)")
        }
        lockDescriptor = fd
        state = Mutex(State())
    }

    deinit {
        state.withLock { s in if s.descriptor >= 0 { close(s.descriptor) } }
        close(lockDescriptor)
    }

    /// The segment files present, oldest first.
    public func segmentPaths() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".journal") }.sorted().map { directory + "/" + $0 }
    }

    /// Reads every segment and returns the records numbered above `applied`. Later appends are
    /// numbered above everything seen.
    public func recover(after applied: UInt64) throws -> Recovery {
        var recovery = Recovery(records: [], tornBytes: 0)
        var highest = applied
        for path in segmentPaths() {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw TraceJournalError.io("cannot read the trace journal segment \(path)")
            }
            let bytes = [UInt8](data)
            let (frames, valid) = JournalFrame.decodeAll(bytes)
            recovery.tornBytes += bytes.count - valid
            for frame in frames {
                highest = max(highest, frame.seq)
                if frame.seq > applied { recovery.records.append((frame.seq, frame.payload)) }
            }
        }
        recovery.records.sort { $0.seq < $1.seq }
        state.withLock { $0.nextSeq = highest + 1 }
        return recovery
    }

    /// Removes the segments read by `recover` (their records are applied) and opens a fresh one.
    public func start() throws {
        for path in segmentPaths() { unlink(path) }
        try state.withLock { s throws(TraceJournalError) in try openSegment(&s) }
    }

    /// Writes one record and, still holding the journal's lock, calls `then` with its sequence
    /// number, so whatever `then` queues is in sequence order. Throws when the write failed; the
    /// journal then holds nothing of it.
    public func append<T>(_ payload: [UInt8], then: (UInt64) -> T) throws(TraceJournalError) -> T {
        try state.withLock { s throws(TraceJournalError) -> T in
            guard !s.broken, s.descriptor >= 0 else { throw .io("the trace journal is not writable") }
            if s.currentSize >= segmentBytes {
                close(s.descriptor)
                s.descriptor = -1
                s.closed.append(Segment(path: s.currentPath, lastSeq: s.nextSeq - 1))
                try openSegment(&s)
            }
            let seq = s.nextSeq
            let frame = JournalFrame(seq: seq, payload: payload).encoded()
            if let failure = Self.writeAll(s.descriptor, frame) {
                // Cut the partial frame off, so the records appended after it stay readable.
                if ftruncate(s.descriptor, off_t(s.currentSize)) != 0 { s.broken = true }
                throw .io("cannot write to the trace journal \(s.currentPath): \(failure)")
            }
            s.currentSize += frame.count
            s.nextSeq = seq + 1
            return then(seq)
        }
    }

    /// Every record up to `seq` is in the database: removes the closed segments that hold only those.
    public func release(through seq: UInt64) {
        let done: [String] = state.withLock { s in
            let (old, kept) = (s.closed.filter { $0.lastSeq <= seq }, s.closed.filter { $0.lastSeq > seq })
            s.closed = kept
            return old.map(\.path)
        }
        for path in done { unlink(path) }
    }

    /// After the last batch: when every record up to the last appended is in the database, the
    /// whole journal goes (an orderly stop leaves nothing to recover). Later appends fail.
    public func finish(applied: UInt64) {
        state.withLock { s in
            if s.descriptor >= 0 { close(s.descriptor) }
            s.descriptor = -1
            guard applied >= s.nextSeq - 1 else { return }
            for segment in s.closed { unlink(segment.path) }
            s.closed = []
            if !s.currentPath.isEmpty { unlink(s.currentPath) }
        }
    }

    /// The number the next record will get.
    public var nextSequence: UInt64 { state.withLock { $0.nextSeq } }

    private func openSegment(_ s: inout State) throws(TraceJournalError) {
        let path = directory + "/" + String(format: "%020llu", s.nextSeq) + ".journal"
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .io("cannot open the trace journal segment \(path): \(Self.errnoText())") }
        var info = stat()
        s.currentSize = fstat(fd, &info) == 0 ? Int(info.st_size) : 0
        s.descriptor = fd
        s.currentPath = path
    }

    /// Writes all of `bytes`, resuming after partial writes and interruptions; the error text on failure.
    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBytes { buffer -> String? in
            var done = 0
            while done < buffer.count {
                let n = write(fd, buffer.baseAddress! + done, buffer.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errnoText()
                }
                done += n
            }
            return nil
        }
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}
