import Foundation
import NIOCore
import OpsCore
import OpsTesting
import XCTest

@testable import OpsProviders

/// `PlainHTTP1Client` through `UpstreamClient` against real servers on loopback: the scriptable
/// mock upstream, and a raw TCP server for answers no well-behaved server gives.
final class PlainHTTP1ClientTests: XCTestCase {
    private let timeouts = UpstreamTimeouts(connectMs: 2_000, firstTokenMs: 5_000, totalMs: 10_000)
    private let chat: JSONValue = ["model": "mock", "messages": [["role": "user", "content": "hello there"]]]

    private func withMock(recordsRequests: Bool = true,
                          _ body: (MockUpstream, UpstreamClient, UpstreamURL) async throws -> Void) async throws {
        let mock = MockUpstream(recordsRequests: recordsRequests)
        let port = try await mock.start()
        let client = UpstreamClient()
        do {
            try await body(mock, client, UpstreamURL("http://127.0.0.1:\(port)/v1/chat/completions"))
        } catch {
            try? await client.shutdown()
            await mock.stop()
            throw error
        }
        try await client.shutdown()
        await mock.stop()
    }

    private func withRaw(_ body: (RawHTTPServer, UpstreamClient, UpstreamURL) async throws -> Void) async throws {
        let server = RawHTTPServer()
        let port = try await server.start()
        let client = UpstreamClient()
        do {
            try await body(server, client, UpstreamURL("http://127.0.0.1:\(port)/v1/chat/completions"))
        } catch {
            try? await client.shutdown()
            await server.stop()
            throw error
        }
        try await client.shutdown()
        await server.stop()
    }

    private func opsError(_ call: () async throws -> some Any) async -> OpsError? {
        do {
            _ = try await call()
            return nil
        } catch {
            return error as? OpsError
        }
    }

    func testAnswersAreCollectedWholeAndKeepAliveConnectionsAreReused() async throws {
        try await withRaw { server, client, url in
            server.enqueue(.json(#"{"n":1}"#), .json(#"{"n":2}"#), .json(#"{"n":3}"#))
            for n in 1...3 {
                let response = try await client.post(url, headers: [], json: chat, timeouts: timeouts)
                XCTAssertEqual(response.status, 200)
                XCTAssertEqual(try JSONParser.parse(response.body.readableBytesView)["n"]?.intValue, n)
            }
            XCTAssertEqual(server.requests, 3)
            XCTAssertEqual(server.connections, 1, "one keep-alive connection carried every request")
        }
    }

    func testChatCompletionThroughTheMockUpstream() async throws {
        try await withMock { mock, client, url in
            let response = try await client.post(url, headers: [("authorization", "Bearer sk-test")], json: chat, timeouts: timeouts)
            XCTAssertEqual(response.status, 200)
            let json = try JSONParser.parse(response.body.readableBytesView)
            XCTAssertEqual(json["choices"]?.arrayValue?.first?["message"]?["content"]?.stringValue, "echo: hello there")
            XCTAssertEqual(mock.requests.first?["model"]?.stringValue, "mock")
        }
    }

    func testMockMadeNotToRecordAnswersAndKeepsNoBodies() async throws {
        try await withMock(recordsRequests: false) { mock, client, url in
            for _ in 0..<3 {
                let response = try await client.post(url, headers: [], json: chat, timeouts: timeouts)
                XCTAssertEqual(response.status, 200)
            }
            XCTAssertTrue(mock.requests.isEmpty, "the benchmark's mock process keeps no request log")
        }
    }

    func testErrorStatusKeepsItsBodyAndRetryAfter() async throws {
        try await withMock { mock, client, url in
            mock.enqueue(.status(429, message: "slow down", retryAfter: 3))
            let response = try await client.post(url, headers: [], json: chat, timeouts: timeouts)
            XCTAssertEqual(response.status, 429)
            XCTAssertEqual(response.retryAfter, "3")
            let error = UpstreamErrorReader.error(status: response.status, body: response.bodyBytes, provider: "openai",
                                                  retryAfter: response.retryAfter)
            XCTAssertEqual(error.message, "slow down")
            XCTAssertEqual(error.headers["retry-after"], "3")
        }
    }

    func testHangBeforeTheHeadIsAnUpstreamTimeout() async throws {
        try await withMock { mock, client, url in
            mock.enqueue(.delay(ms: 3_000, then: .echo))
            let short = UpstreamTimeouts(connectMs: 1_000, firstTokenMs: 200, totalMs: 10_000)
            let error = await opsError { try await client.post(url, headers: [], json: chat, timeouts: short) }
            XCTAssertEqual(error?.code, "upstream_timeout")
            XCTAssertEqual(error?.kind, .upstreamTimeout)
        }
    }

    func testConnectionDroppedMidBodyIsUpstreamUnavailable() async throws {
        try await withMock { mock, client, url in
            mock.enqueue(.dropConnection)
            let error = await opsError { try await client.post(url, headers: [], json: chat, timeouts: timeouts) }
            XCTAssertEqual(error?.code, "upstream_unavailable")
            // The next call gets a fresh connection and works.
            let response = try await client.post(url, headers: [], json: chat, timeouts: timeouts)
            XCTAssertEqual(response.status, 200)
        }
    }

    func testRefusedConnectionIsUpstreamUnavailable() async throws {
        let server = RawHTTPServer()
        let port = try await server.start()
        await server.stop()
        let client = UpstreamClient()
        let error = await opsError {
            try await client.post(UpstreamURL("http://127.0.0.1:\(port)/v1/chat/completions"), headers: [], json: chat, timeouts: timeouts)
        }
        try await client.shutdown()
        XCTAssertEqual(error?.code, "upstream_unavailable")
    }

    func testConnectTimeoutMapsToUpstreamTimeout() {
        let error = UpstreamClient.transportError(ChannelError.connectTimeout(.milliseconds(5)), url: "http://10.0.0.1/v1") as? OpsError
        XCTAssertEqual(error?.code, "upstream_timeout")
    }

    func testKeepAliveConnectionClosedByTheServerIsReplacedTransparently() async throws {
        try await withRaw { server, client, url in
            // The first answer promises keep-alive, then the server closes the connection anyway.
            server.enqueue(.json(#"{"n":1}"#, close: true), .json(#"{"n":2}"#))
            _ = try await client.post(url, headers: [], json: chat, timeouts: timeouts)
            try await Task.sleep(nanoseconds: 50_000_000)
            let second = try await client.post(url, headers: [], json: chat, timeouts: timeouts)
            XCTAssertEqual(try JSONParser.parse(second.body.readableBytesView)["n"]?.intValue, 2)
            XCTAssertEqual(server.connections, 2)
        }
    }

    func testConnectionCloseAnswerIsNotReused() async throws {
        try await withRaw { server, client, url in
            server.enqueue(.json(#"{"n":1}"#, headers: ["connection: close"], close: true), .json(#"{"n":2}"#))
            _ = try await client.post(url, headers: [], json: chat, timeouts: timeouts)
            let second = try await client.post(url, headers: [], json: chat, timeouts: timeouts)
            XCTAssertEqual(try JSONParser.parse(second.body.readableBytesView)["n"]?.intValue, 2)
            XCTAssertEqual(server.connections, 2)
            XCTAssertEqual(server.requests, 2, "nothing was sent twice")
        }
    }

    func testBodyReadUntilCloseAndChunkedBodiesAreCollected() async throws {
        try await withRaw { server, client, url in
            server.enqueue(.raw("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n{\"until\":\"close\"}", close: true),
                           .raw("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n5\r\n{\"a\":\r\n3\r\n42}\r\n0\r\n\r\n", close: false))
            let first = try await client.post(url, headers: [], json: chat, timeouts: timeouts)
            XCTAssertEqual(try JSONParser.parse(first.body.readableBytesView)["until"]?.stringValue, "close")
            let second = try await client.post(url, headers: [], json: chat, timeouts: timeouts)
            XCTAssertEqual(try JSONParser.parse(second.body.readableBytesView)["a"]?.intValue, 42)
        }
    }

    func testGarbageInsteadOfHTTPIsUpstreamUnavailable() async throws {
        try await withRaw { server, client, url in
            server.enqueue(.raw("HELLO THERE\r\n\r\n", close: false))
            let error = await opsError { try await client.post(url, headers: [], json: chat, timeouts: timeouts) }
            XCTAssertEqual(error?.code, "upstream_unavailable")
        }
    }

    func testBodyOverTheLimitFails() async throws {
        try await withRaw { server, _, url in
            server.enqueue(.json(String(repeating: "x", count: 4_096)))
            let plain = PlainHTTP1Client()
            do {
                _ = try await plain.post(url, headers: [], body: ByteBuffer(string: "{}"), timeouts: timeouts, bodyLimit: 1_024)
                XCTFail("a 4 KB body passed a 1 KB limit")
            } catch let error as PlainHTTP1Error {
                guard case .bodyTooLarge = error else { return XCTFail("\(error)") }
            }
            await plain.shutdown()
        }
    }

    func testCancellingTheCallerClosesTheConnection() async throws {
        try await withRaw { server, client, url in
            // No reply is ever written for the first request: the server hangs.
            server.enqueue(.raw("", close: false))
            let call = Task { try await client.post(url, headers: [], json: chat, timeouts: timeouts) }
            while server.requests == 0 { try await Task.sleep(nanoseconds: 10_000_000) }
            call.cancel()
            do {
                _ = try await call.value
                XCTFail("a cancelled call answered")
            } catch {
                XCTAssertTrue(error is CancellationError, "\(error)")
            }
            server.enqueue(.json(#"{"n":2}"#))
            let next = try await client.post(url, headers: [], json: chat, timeouts: timeouts)
            XCTAssertEqual(try JSONParser.parse(next.body.readableBytesView)["n"]?.intValue, 2)
            XCTAssertEqual(server.connections, 2, "the abandoned connection was not reused")
        }
    }
}
