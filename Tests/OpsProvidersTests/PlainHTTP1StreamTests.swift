import Foundation
import NIOCore
import OpsCore
import OpsTesting
import XCTest

@testable import OpsProviders

/// Streamed answers over `PlainHTTP1Client`, through the OpenAI chat model, against the mock
/// upstream on loopback: chunks arrive as sent, a broken stream fails, and leaving early reaches
/// the upstream.
final class PlainHTTP1StreamTests: XCTestCase {
    private func withModel(_ body: (MockUpstream, OpenAIChatModel) async throws -> Void) async throws {
        let mock = MockUpstream()
        let port = try await mock.start()
        let client = UpstreamClient()
        let deployment = ModelDeployment(name: "m", provider: .openai, baseURL: "http://127.0.0.1:\(port)/v1", upstreamModel: "mock",
                                         timeouts: UpstreamTimeouts(connectMs: 2_000, firstTokenMs: 5_000, totalMs: 10_000))
        do {
            try await body(mock, OpenAIChatModel(deployment: deployment, client: client))
        } catch {
            try? await client.shutdown()
            await mock.stop()
            throw error
        }
        try await client.shutdown()
        await mock.stop()
    }

    private func request(_ text: String, stream: Bool) throws -> ChatRequest {
        try ChatRequest(json: ["model": "m", "stream": .bool(stream), "messages": [["role": "user", "content": .string(text)]]])
    }

    private func text(of chunks: [ChatChunk]) -> String {
        chunks.flatMap(\.choices).compactMap(\.delta.content).joined()
    }

    func testSlowStreamArrivesWholeInOrder() async throws {
        try await withModel { mock, model in
            mock.enqueue(.slowStream(chunkDelayMs: 20, then: .reply("one two three four")))
            var chunks: [ChatChunk] = []
            for try await chunk in try await model.stream(request("x", stream: true)) { chunks.append(chunk) }
            XCTAssertEqual(text(of: chunks), "one two three four")
            XCTAssertEqual(chunks.flatMap(\.choices).last?.finishReason, "stop")
            // The connection went back to the pool and carries the next call.
            let answer = try await model.complete(request("again", stream: false))
            XCTAssertEqual(answer.choices.first?.message.text, "echo: again")
        }
    }

    func testStreamErrorEventFailsTheStream() async throws {
        try await withModel { mock, model in
            mock.enqueue(.streamError(afterChunks: 2, message: "model crashed"))
            var chunks: [ChatChunk] = []
            do {
                for try await chunk in try await model.stream(request("x", stream: true)) { chunks.append(chunk) }
                XCTFail("a broken stream ended well")
            } catch let error as OpsError {
                XCTAssertTrue(error.message.contains("model crashed"), error.message)
            }
            XCTAssertEqual(text(of: chunks), "one two ")
        }
    }

    func testErrorStatusOnAStreamIsTheUpstreamError() async throws {
        try await withModel { mock, model in
            mock.enqueue(.status(429, message: "busy", retryAfter: 2))
            do {
                _ = try await model.stream(request("x", stream: true))
                XCTFail("a 429 opened a stream")
            } catch let error as OpsError {
                XCTAssertEqual(error.kind, .upstream(status: 429))
                XCTAssertEqual(error.headers["retry-after"], "2")
            }
        }
    }

    func testLeavingAStreamEarlyDisconnectsTheUpstream() async throws {
        try await withModel { mock, model in
            mock.enqueue(.hangMidStream(afterChunks: 1, ms: 5_000))
            // The stream is dropped when the reading task ends, as the server drops it when the client leaves.
            let reader = Task { [request = try request("x", stream: true)] in
                for try await chunk in try await model.stream(request) where chunk.choices.first?.delta.content == "one " {
                    return true
                }
                return false
            }
            let sawFirstChunk = try await reader.value
            XCTAssertTrue(sawFirstChunk)
            let deadline = ContinuousClock.now + .seconds(4)
            while mock.disconnectedStreams == 0, ContinuousClock.now < deadline {
                try await Task.sleep(nanoseconds: 20_000_000)
            }
            XCTAssertEqual(mock.disconnectedStreams, 1)
            XCTAssertEqual(mock.completedStreams, 0)
        }
    }

    func testConnectionDroppedMidStreamFailsWithUpstreamUnavailable() async throws {
        try await withModel { mock, model in
            mock.enqueue(.dropConnection)
            do {
                for try await _ in try await model.stream(request("x", stream: true)) {}
                XCTFail("a dropped stream ended well")
            } catch let error as OpsError {
                XCTAssertTrue([.upstreamUnavailable].contains(error.kind), "\(error)")
            }
        }
    }
}
