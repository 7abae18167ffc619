import Logging
import Synchronization
import XCTest

@testable import OpsTelemetry

/// The deferred handler writes exactly the lines swift-log's `StreamLogHandler` writes.
final class DeferredMetadataLogHandlerTests: XCTestCase {
    /// A stream that keeps what is written, for comparing lines.
    private final class CapturedStream: TextOutputStream, @unchecked Sendable {
        private let text = Mutex("")
        func write(_ string: String) { text.withLock { $0 += string } }
        /// The lines without their leading timestamp.
        var lines: [String] {
            text.withLock { $0 }.split(separator: "\n").map { line in String(line.drop(while: { $0 != " " }).dropFirst()) }
        }
    }

    private func loggers() -> (deferred: Logger, plain: Logger, deferredOut: CapturedStream, plainOut: CapturedStream) {
        let deferredOut = CapturedStream(), plainOut = CapturedStream()
        let deferred = Logger(label: "llmops") { label in
            DeferredMetadataLogHandler(wrapping: StreamLogHandler(label: label, stream: deferredOut, metadataProvider: nil))
        }
        let plain = Logger(label: "llmops") { label in StreamLogHandler(label: label, stream: plainOut, metadataProvider: nil) }
        return (deferred, plain, deferredOut, plainOut)
    }

    func testLinesMatchTheStreamHandlerWithAndWithoutMetadata() {
        var (deferred, plain, deferredOut, plainOut) = loggers()
        for logger in [deferred, plain] { logger.info("no metadata") }
        deferred[metadataKey: "hb.request.id"] = "r-1"
        plain[metadataKey: "hb.request.id"] = "r-1"
        deferred[metadataKey: "a"] = .stringConvertible(42)
        plain[metadataKey: "a"] = .stringConvertible(42)
        for logger in [deferred, plain] {
            logger.warning("stored metadata")
            logger.error("explicit wins", metadata: ["a": "explicit", "z": "last"])
        }
        XCTAssertEqual(deferredOut.lines, plainOut.lines)
        XCTAssertEqual(deferredOut.lines, [
            "info llmops: [OpsTelemetryTests] no metadata",
            "warning llmops: a=42 hb.request.id=r-1 [OpsTelemetryTests] stored metadata",
            "error llmops: a=explicit hb.request.id=r-1 z=last [OpsTelemetryTests] explicit wins",
        ])
    }

    func testLevelFiltersAndMetadataReadsBack() {
        var (deferred, _, deferredOut, _) = loggers()
        deferred.logLevel = .error
        deferred[metadataKey: "k"] = "v"
        deferred.info("dropped")
        deferred.error("kept")
        XCTAssertEqual(deferred.logLevel, .error)
        XCTAssertEqual(deferred[metadataKey: "k"], "v")
        XCTAssertEqual(deferredOut.lines, ["error llmops: k=v [OpsTelemetryTests] kept"])
        deferred[metadataKey: "k"] = nil
        deferred.error("bare")
        XCTAssertEqual(deferredOut.lines.last, "error llmops: [OpsTelemetryTests] bare")
    }
}
