import OpsProviders
import XCTest

final class SSEDecoderTests: XCTestCase {
    func testEventsSplitAcrossArbitraryChunks() {
        let text = "event: a\ndata: one\ndata: two\n\n: comment\r\ndata:x\r\n\r\ndata: [DONE]\n\n"
        for size in [1, 2, 3, 7, 100] {
            var decoder = SSEDecoder()
            var events: [SSEEvent] = []
            let bytes = Array(text.utf8)
            for start in stride(from: 0, to: bytes.count, by: size) {
                events += decoder.feed(bytes[start..<min(start + size, bytes.count)])
            }
            XCTAssertEqual(events, [SSEEvent(event: "a", data: "one\ntwo"), SSEEvent(data: "x"), SSEEvent(data: "[DONE]")], "chunk size \(size)")
        }
    }

    func testUnterminatedFinalEventIsFlushed() {
        var decoder = SSEDecoder()
        XCTAssertEqual(decoder.feed(Array("data: tail".utf8)), [])
        XCTAssertEqual(decoder.finish(), SSEEvent(data: "tail"))
    }
}
