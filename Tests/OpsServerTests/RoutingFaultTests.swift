import Foundation
import OpsCore
import OpsTesting
import XCTest

/// Faults injected in a real upstream on loopback, through a route with a retry and a fallback:
/// what the client sees, what the trace records, and that nothing is lost.
final class RoutingFaultTests: XCTestCase {
    func testServerErrorsAreRetriedThenFallBack() async throws {
        let r = try await RoutedGateway.start()
        addTeardownBlock { await r.stop() }
        r.primary.enqueue(.status(500, message: "boom"), .status(503, message: "still down"))
        let reply = try await r.gw.post("/v1/chat/completions", GatewayHarness.chat("hi", model: "chat"), key: r.gw.developer)
        XCTAssertEqual(reply.status, 200, reply.text)
        XCTAssertEqual(reply.json["choices"]?[0]?["message"]?["content"]?.stringValue, "echo: hi")
        XCTAssertEqual(reply.header("x-llmops-deployment"), "backup")
        XCTAssertEqual(r.primary.requests.count, 2, "one try and one retry on the primary")
        XCTAssertEqual(r.backup.requests.count, 1)
        let trace = try await r.trace(of: reply)
        XCTAssertEqual(RoutedGateway.attempts(trace), ["mock-model:500", "mock-model:503", "backup:200"])
        XCTAssertEqual(trace["status"]?.stringValue, "ok")
        XCTAssertEqual(trace["model"]?.stringValue, "chat")
        XCTAssertEqual(trace["metadata"]?["route"]?.stringValue, "chat")
        XCTAssertEqual(trace["generations"]?[0]?["error"]?.stringValue?.contains("boom"), true)
        XCTAssertNotNil(trace["generations"]?[2]?["usage"]?["prompt_tokens"]?.intValue)
    }

    func testRateLimitedUpstreamIsRetriedAfterItsRetryAfter() async throws {
        let r = try await RoutedGateway.start { $0.fallbacks = []; $0.retries.capMs = 5_000 }
        addTeardownBlock { await r.stop() }
        r.primary.enqueue(.status(429, message: "slow down", retryAfter: 1))
        let started = ContinuousClock.now
        let reply = try await r.gw.post("/v1/chat/completions", GatewayHarness.chat("hi", model: "chat"), key: r.gw.developer)
        let waited = started.duration(to: .now)
        XCTAssertEqual(reply.status, 200, reply.text)
        XCTAssertGreaterThanOrEqual(waited, .milliseconds(950), "the retry waited for Retry-After: 1")
        XCTAssertEqual(r.primary.requests.count, 2)
        let trace = try await r.trace(of: reply)
        XCTAssertEqual(RoutedGateway.attempts(trace), ["mock-model:429", "mock-model:200"])
    }

    func testRateLimitOnEveryTryReachesTheClientWithRetryAfter() async throws {
        let r = try await RoutedGateway.start { $0.fallbacks = []; $0.retries.attempts = 0 }
        addTeardownBlock { await r.stop() }
        r.primary.enqueue(.status(429, message: "slow down", retryAfter: 7))
        let reply = try await r.gw.post("/v1/chat/completions", GatewayHarness.chat("hi", model: "chat"), key: r.gw.developer)
        XCTAssertEqual(reply.status, 429)
        XCTAssertEqual(reply.header("retry-after"), "7")
        XCTAssertEqual(reply.json["error"]?["message"]?.stringValue, "slow down")
        let trace = try await r.trace(of: reply)
        XCTAssertEqual(trace["http_status"]?.intValue, 429)
        XCTAssertEqual(RoutedGateway.attempts(trace), ["mock-model:429"])
    }

    func testClientErrorsNeverRetryNorFallBack() async throws {
        let r = try await RoutedGateway.start()
        addTeardownBlock { await r.stop() }
        r.primary.enqueue(.status(400, message: "bad temperature"))
        let reply = try await r.gw.post("/v1/chat/completions", GatewayHarness.chat("hi", model: "chat"), key: r.gw.developer)
        XCTAssertEqual(reply.status, 400)
        XCTAssertEqual(reply.json["error"]?["message"]?.stringValue, "bad temperature")
        XCTAssertEqual(r.primary.requests.count, 1)
        XCTAssertEqual(r.backup.requests.count, 0)
        let trace = try await r.trace(of: reply)
        XCTAssertEqual(trace["status"]?.stringValue, "error")
        XCTAssertEqual(RoutedGateway.attempts(trace), ["mock-model:400"])
    }

    func testHangBeforeHeadersTimesOutAndFallsBack() async throws {
        let r = try await RoutedGateway.start { $0.timeouts = .init(connectMs: 1_000, firstTokenMs: 300, totalMs: 300); $0.retries.attempts = 0 }
        addTeardownBlock { await r.stop() }
        r.primary.enqueue(.delay(ms: 3_000, then: .echo))
        let started = ContinuousClock.now
        let reply = try await r.gw.post("/v1/chat/completions", GatewayHarness.chat("hi", model: "chat"), key: r.gw.developer)
        XCTAssertEqual(reply.status, 200, reply.text)
        XCTAssertLessThan(started.duration(to: .now), .seconds(2), "the hung call was abandoned at its timeout")
        XCTAssertEqual(reply.header("x-llmops-deployment"), "backup")
        let trace = try await r.trace(of: reply)
        XCTAssertEqual(RoutedGateway.attempts(trace), ["mock-model:504", "backup:200"])
    }

    func testRouteResponseHeadLimitAppliesToEachAttempt() async throws {
        // The whole-call limit is long; only the route's first_token_ms (not the deployment's
        // 60 s) can cut the hung attempt short.
        let r = try await RoutedGateway.start { $0.timeouts = .init(connectMs: 1_000, firstTokenMs: 300, totalMs: 20_000); $0.retries.attempts = 0 }
        addTeardownBlock { await r.stop() }
        r.primary.enqueue(.delay(ms: 4_000, then: .echo))
        let started = ContinuousClock.now
        let reply = try await r.gw.post("/v1/chat/completions", GatewayHarness.chat("hi", model: "chat"), key: r.gw.developer)
        XCTAssertEqual(reply.status, 200, reply.text)
        XCTAssertLessThan(started.duration(to: .now), .seconds(3), "the attempt was abandoned at the route's head limit")
        XCTAssertEqual(reply.header("x-llmops-deployment"), "backup")
        let trace = try await r.trace(of: reply)
        XCTAssertEqual(RoutedGateway.attempts(trace), ["mock-model:504", "backup:200"])
    }

    func testConnectionResetFallsBack() async throws {
        let r = try await RoutedGateway.start { $0.retries.attempts = 0 }
        addTeardownBlock { await r.stop() }
        r.primary.enqueue(.dropConnection)
        let reply = try await r.gw.post("/v1/chat/completions", GatewayHarness.chat("hi", model: "chat"), key: r.gw.developer)
        XCTAssertEqual(reply.status, 200, reply.text)
        let trace = try await r.trace(of: reply)
        XCTAssertEqual(RoutedGateway.attempts(trace), ["mock-model:502", "backup:200"])
    }

    func testMalformedUpstreamJSONFallsBack() async throws {
        let r = try await RoutedGateway.start { $0.retries.attempts = 0 }
        addTeardownBlock { await r.stop() }
        r.primary.enqueue(.malformedJSON)
        let reply = try await r.gw.post("/v1/chat/completions", GatewayHarness.chat("hi", model: "chat"), key: r.gw.developer)
        XCTAssertEqual(reply.status, 200, reply.text)
        let trace = try await r.trace(of: reply)
        XCTAssertEqual(RoutedGateway.attempts(trace), ["mock-model:502", "backup:200"])
        XCTAssertEqual(trace["generations"]?[0]?["error"]?.stringValue?.contains("malformed"), true)
    }

    func testEveryDeploymentFailingIsOneClearErrorWithEveryAttemptTraced() async throws {
        let r = try await RoutedGateway.start { $0.retries.attempts = 0 }
        addTeardownBlock { await r.stop() }
        r.primary.enqueue(.status(500, message: "primary down"))
        r.backup.enqueue(.status(502, message: "backup down"))
        let reply = try await r.gw.post("/v1/chat/completions", GatewayHarness.chat("hi", model: "chat"), key: r.gw.developer)
        XCTAssertEqual(reply.status, 502)
        XCTAssertEqual(reply.json["error"]?["message"]?.stringValue?.contains("backup down"), true)
        let trace = try await r.trace(of: reply)
        XCTAssertEqual(trace["status"]?.stringValue, "error")
        XCTAssertEqual(RoutedGateway.attempts(trace), ["mock-model:500", "backup:502"])
    }

    func testStreamFailingBeforeFirstTokenFallsBack() async throws {
        let r = try await RoutedGateway.start { $0.retries.attempts = 0 }
        addTeardownBlock { await r.stop() }
        r.primary.enqueue(.status(500, message: "down"))
        let reply = try await r.gw.post("/v1/chat/completions", GatewayHarness.chat("a b c", model: "chat", stream: true),
                                        key: r.gw.developer)
        XCTAssertEqual(reply.status, 200)
        let events = RoutedGateway.events(reply.text)
        XCTAssertEqual(events.last, "[DONE]")
        let text = events.dropLast().compactMap { try? JSONParser.parse($0)["choices"]?[0]?["delta"]?["content"]?.stringValue }.joined()
        XCTAssertEqual(text, "echo: a b c")
        let trace = try await r.trace(of: reply)
        XCTAssertEqual(RoutedGateway.attempts(trace), ["mock-model:500", "backup:200"])
        XCTAssertEqual(trace["output"]?["content"]?.stringValue, "echo: a b c")
    }

    func testStreamFailingAfterFirstTokenEndsWithAnErrorEventAndNoFallback() async throws {
        let r = try await RoutedGateway.start()
        addTeardownBlock { await r.stop() }
        r.primary.enqueue(.streamError(afterChunks: 2, message: "upstream broke"))
        let reply = try await r.gw.post("/v1/chat/completions", GatewayHarness.chat("x", model: "chat", stream: true),
                                        key: r.gw.developer)
        XCTAssertEqual(reply.status, 200, "the head was sent with the first chunk")
        let events = RoutedGateway.events(reply.text)
        XCTAssertNotEqual(events.last, "[DONE]")
        XCTAssertNotNil(try JSONParser.parse(events.last ?? "")["error"]?["message"]?.stringValue)
        XCTAssertEqual(r.backup.requests.count, 0, "no fallback after the first token")
        try await Task.sleep(nanoseconds: 200_000_000)
        let trace = try await r.trace(of: reply)
        XCTAssertEqual(trace["status"]?.stringValue, "error")
        XCTAssertEqual(trace["error"]?.stringValue?.hasPrefix("stream failed after"), true, trace["error"]?.stringValue ?? "")
    }

    func testStreamHangingMidwayIsCutAtTheDeploymentTimeout() async throws {
        let r = try await RoutedGateway.start(configure: { $0.models[0].timeouts.totalMs = 800 })
        addTeardownBlock { await r.stop() }
        r.primary.enqueue(.hangMidStream(afterChunks: 2, ms: 5_000))
        let started = ContinuousClock.now
        let reply = try await r.gw.post("/v1/chat/completions", GatewayHarness.chat("x", model: "chat", stream: true),
                                        key: r.gw.developer)
        XCTAssertLessThan(started.duration(to: .now), .seconds(4))
        let events = RoutedGateway.events(reply.text)
        XCTAssertNotNil(try JSONParser.parse(events.last ?? "")["error"], reply.text)
        try await Task.sleep(nanoseconds: 200_000_000)
        let trace = try await r.trace(of: reply)
        XCTAssertEqual(trace["status"]?.stringValue, "error")
        XCTAssertEqual(r.backup.requests.count, 0)
    }

    func testSlowStreamIsRelayedWhole() async throws {
        let r = try await RoutedGateway.start()
        addTeardownBlock { await r.stop() }
        r.primary.enqueue(.slowStream(chunkDelayMs: 40, then: .reply("one two three four")))
        let reply = try await r.gw.post("/v1/chat/completions", GatewayHarness.chat("x", model: "chat", stream: true),
                                        key: r.gw.developer)
        let events = RoutedGateway.events(reply.text)
        XCTAssertEqual(events.last, "[DONE]")
        let trace = try await r.trace(of: reply)
        XCTAssertEqual(trace["status"]?.stringValue, "ok")
        XCTAssertEqual(trace["output"]?["content"]?.stringValue, "one two three four")
        XCTAssertGreaterThan(trace["latency_ms"]?.doubleValue ?? 0, trace["ttft_ms"]?.doubleValue ?? .infinity)
    }

    func testCircuitOpensAfterRepeatedFailuresAndShowsInMetrics() async throws {
        let r = try await RoutedGateway.start { $0.retries.attempts = 0 }
        addTeardownBlock { await r.stop() }
        r.primary.setDefault(.status(500, message: "down"))
        for _ in 0..<5 {
            let reply = try await r.gw.post("/v1/chat/completions", GatewayHarness.chat("hi", model: "chat"), key: r.gw.developer)
            XCTAssertEqual(reply.status, 200, "the backup answers")
        }
        XCTAssertEqual(r.primary.requests.count, 5)
        let reply = try await r.gw.post("/v1/chat/completions", GatewayHarness.chat("hi", model: "chat"), key: r.gw.developer)
        XCTAssertEqual(reply.status, 200)
        XCTAssertEqual(r.primary.requests.count, 5, "the open circuit keeps calls away from the primary")
        let trace = try await r.trace(of: reply)
        XCTAssertEqual(RoutedGateway.attempts(trace), ["backup:200"])
        let metrics = try await r.gw.get("/metrics", key: nil).text
        XCTAssertTrue(metrics.contains("llmops_circuit_state{deployment=\"mock-model\"} 1"), metrics)
        XCTAssertTrue(metrics.contains("llmops_circuit_state{deployment=\"backup\"} 0"))
    }

    /// The bounded load test: 30% of the primary's answers fail, the fallback is healthy, and no
    /// client sees a failure; every request has its trace.
    func testLoadWithAFlakyPrimaryHasNoClientVisibleFailures() async throws {
        let r = try await RoutedGateway.start { $0.retries.attempts = 0 }
        addTeardownBlock { await r.stop() }
        r.primary.setDefault(.sometimes(probability: 0.3, then: .status(500, message: "flaky"), otherwise: .echo))
        let total = 400, concurrency = 16
        let statuses = try await withThrowingTaskGroup(of: [Int].self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    var seen: [Int] = []
                    for i in stride(from: worker, to: total, by: concurrency) {
                        let reply = try await r.gw.post("/v1/chat/completions", GatewayHarness.chat("q\(i)", model: "chat"),
                                                        key: r.gw.developer)
                        seen.append(reply.status)
                    }
                    return seen
                }
            }
            return try await group.reduce(into: [Int]()) { $0 += $1 }
        }
        XCTAssertEqual(statuses.count, total)
        XCTAssertEqual(statuses.filter { $0 != 200 }.count, 0, "no client-visible failures")
        XCTAssertGreaterThan(r.backup.requests.count, 0, "the fallback took the failed calls")
        let traces = try await r.gw.get("/api/traces?limit=1000", key: r.gw.admin).json["data"]?.arrayValue ?? []
        XCTAssertEqual(traces.filter { $0["model"]?.stringValue == "chat" }.count, total, "every request traced")
    }
}
