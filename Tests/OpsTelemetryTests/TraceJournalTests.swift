import Foundation
@testable import OpsTelemetry
import XCTest

/// The journal's files: what survives a torn or damaged write, rotation, release, the lock.
final class TraceJournalTests: XCTestCase {
    private var directory: String!

    override func setUp() {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("llmops-journal-\(UUID().uuidString)").path
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    private func started(segmentBytes: Int = 8 << 20, applied: UInt64 = 0) throws -> TraceJournal {
        let journal = try TraceJournal(directory: directory, segmentBytes: segmentBytes)
        _ = try journal.recover(after: applied)
        try journal.start()
        return journal
    }

    private func payload(_ i: Int) -> [UInt8] { Array("record \(i)".utf8) }

    func testRecordsComeBackInOrderAfterTheLastApplied() throws {
        var journal: TraceJournal? = try started()
        for i in 1...5 { XCTAssertEqual(try journal!.append(payload(i)) { $0 }, UInt64(i)) }
        journal = nil  // the process dies: nothing applied, nothing removed
        let reopened = try TraceJournal(directory: directory)
        let recovery = try reopened.recover(after: 2)
        XCTAssertEqual(recovery.records.map(\.seq), [3, 4, 5])
        XCTAssertEqual(recovery.records.map(\.payload), [payload(3), payload(4), payload(5)])
        XCTAssertEqual(recovery.tornBytes, 0)
        XCTAssertEqual(reopened.nextSequence, 6, "numbers continue above everything seen")
        try reopened.start()
        XCTAssertTrue(try TraceJournal.read(reopened).isEmpty, "start clears what recovery read")
    }

    func testATornTailIsIgnoredAndADamagedFrameEndsTheSegment() throws {
        var journal: TraceJournal? = try started()
        for i in 1...3 { _ = try journal!.append(payload(i)) { $0 } }
        let path = journal!.segmentPaths()[0]
        journal = nil
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let whole = bytes.count
        bytes += JournalFrame(seq: 4, payload: payload(4)).encoded().prefix(25)  // died mid-write
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        var recovery = try TraceJournal(directory: directory).recover(after: 0)
        XCTAssertEqual(recovery.records.map(\.seq), [1, 2, 3])
        XCTAssertEqual(recovery.tornBytes, bytes.count - whole)

        bytes[JournalFrame.headerSize + 2] ^= 0xFF  // damage inside the first record's payload
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        recovery = try TraceJournal(directory: directory).recover(after: 0)
        XCTAssertEqual(recovery.records.count, 0, "nothing after a frame that does not check out is trusted")
    }

    func testSegmentsRotateAndGoOnceApplied() throws {
        let journal = try started(segmentBytes: 100)
        for i in 1...10 { _ = try journal.append(payload(i)) { $0 } }
        let segments = journal.segmentPaths()
        XCTAssertGreaterThan(segments.count, 2, "a 100-byte segment holds a few records")
        journal.release(through: 5)
        let left = journal.segmentPaths()
        XCTAssertLessThan(left.count, segments.count)
        XCTAssertEqual(try TraceJournal.read(journal).first, 5, "a segment holding record 6 stays whole, with its earlier records")
        journal.release(through: 10)
        XCTAssertEqual(journal.segmentPaths().count, 1, "the open segment stays until the journal finishes")
        journal.finish(applied: 10)
        XCTAssertEqual(journal.segmentPaths(), [], "an orderly stop with everything applied leaves nothing")
        XCTAssertThrowsError(try journal.append(payload(11)) { $0 })
    }

    func testFinishKeepsTheJournalWhenRecordsAreNotApplied() throws {
        let journal = try started()
        for i in 1...3 { _ = try journal.append(payload(i)) { $0 } }
        journal.finish(applied: 2)
        XCTAssertEqual(try TraceJournal.read(journal), [1, 2, 3])
    }

    func testASecondOpenerIsRefused() throws {
        let journal = try started()
        XCTAssertThrowsError(try TraceJournal(directory: directory)) { error in
            guard case TraceJournalError.locked(let text) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(text.contains("another llmops process holds the trace journal"), text)
        }
        withExtendedLifetime(journal) {}
    }

    func testCRCMatchesZlib() {
        XCTAssertEqual(CRC32.checksum(Array("123456789".utf8)), 0xCBF4_3926, "the standard check value")
        XCTAssertEqual(CRC32.checksum(Array("56789".utf8), startingWith: CRC32.checksum(Array("1234".utf8))), 0xCBF4_3926)
    }
}

extension TraceJournal {
    /// The sequence numbers in the segment files, read as recovery would.
    static func read(_ journal: TraceJournal) throws -> [UInt64] {
        try journal.segmentPaths().flatMap { path in
            JournalFrame.decodeAll([UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))).frames.map(\.seq)
        }
    }
}
