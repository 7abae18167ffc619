import AsyncHTTPClient
import NIOCore
import OpsCore
import XCTest

/// A client that leaves mid-stream cancels the upstream call, and the trace says so.
final class StreamCancellationTests: XCTestCase {
    func testClientDisconnectCancelsUpstream() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        gw.mock.enqueue(.hangMidStream(afterChunks: 1, ms: 5_000))
        var request = HTTPClientRequest(url: gw.base + "/v1/chat/completions")
        request.method = .POST
        request.headers.add(name: "authorization", value: "Bearer \(gw.developer)")
        request.body = .bytes(ByteBuffer(bytes: GatewayHarness.chat("x", stream: true).serialized()))
        let reader = Task {
            let response = try await gw.client.execute(request, timeout: .seconds(10))
            for try await chunk in response.body where String(buffer: chunk).contains("one") {
                return true
            }
            return false
        }
        let sawFirstChunk = try await reader.value
        XCTAssertTrue(sawFirstChunk)
        // Leaving the loop above dropped the response body; AsyncHTTPClient closes the connection.
        let deadline = ContinuousClock.now + .seconds(4)
        while gw.mock.disconnectedStreams == 0, ContinuousClock.now < deadline {
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        XCTAssertEqual(gw.mock.disconnectedStreams, 1, "the upstream stream was cancelled")
        XCTAssertEqual(gw.mock.completedStreams, 0)
        var trace: JSONValue?
        while trace == nil, ContinuousClock.now < deadline + .seconds(2) {
            trace = try await gw.traces(key: gw.viewer).first
            if trace == nil { try await Task.sleep(nanoseconds: 20_000_000) }
        }
        XCTAssertEqual(trace?["http_status"]?.intValue, 499)
        XCTAssertTrue(trace?["error"]?.stringValue?.contains("disconnected") == true)
    }
}
