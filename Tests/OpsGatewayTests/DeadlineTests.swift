import Foundation
import OpsCore
@testable import OpsGateway
import XCTest

/// Timeouts race a real clock: the hanging model never answers, so the outcome does not depend on
/// timing, only the test's duration (tens of milliseconds) does.
final class DeadlineTests: XCTestCase {
    private struct HangingModel: ChatModel {
        func complete(_ request: ChatRequest) async throws -> ChatResponse {
            try await Task.sleep(for: .seconds(3_600))
            throw CancellationError()
        }
        func stream(_ request: ChatRequest) async throws -> AsyncThrowingStream<ChatChunk, Error> {
            AsyncThrowingStream { continuation in
                let task = Task { try? await Task.sleep(for: .seconds(3_600)); continuation.finish() }
                continuation.onTermination = { _ in task.cancel() }
            }
        }
    }

    private var random = SplitMix64(seed: 1)
    private let plan = RoutePlan(route: "chat", steps: [.init(model: "hanging", reason: .weighted),
                                                       .init(model: "backup", reason: .fallback)])
    private let timeouts = UpstreamTimeouts(connectMs: 10, firstTokenMs: 30, totalMs: 30)

    private func executor() -> FallbackExecutor {
        let backup = ScriptedChatModel("backup", [.answer("saved"), .chunks(["sa", "ved"], then: nil)])
        let models: [String: any ChatModel] = ["hanging": HangingModel(), "backup": backup]
        return FallbackExecutor(models: { models[$0] }, breakers: CircuitBreakers(clock: SystemMonotonicClock()),
                                clock: SystemMonotonicClock(), wallClock: SystemClock())
    }

    func testAHangingCompletionTimesOutAndFallsBack() async throws {
        let run = await executor().complete(ChatRequest(model: "chat", messages: [.user("q")]), plan: plan,
                                            policy: RetryPolicy(maxRetries: 0), timeouts: timeouts, using: &random)
        XCTAssertEqual(try run.get().choices[0].message.text, "saved")
        XCTAssertEqual(run.attempts.first?.status, 504)
        XCTAssertEqual(run.attempts.first?.error?.code, "timeout")
        XCTAssertGreaterThanOrEqual(run.attempts.first?.latencyMs ?? 0, 30)
    }

    func testAStreamWithoutAFirstChunkTimesOutAndFallsBack() async throws {
        let executor = executor()
        let request = ChatRequest(model: "chat", messages: [.user("q")], stream: true)
        _ = await executor.complete(request, plan: RoutePlan(route: "chat", steps: [.init(model: "backup", reason: .weighted)]),
                                    policy: RetryPolicy(maxRetries: 0), using: &random)
        let run = await executor.stream(request, plan: plan, policy: RetryPolicy(maxRetries: 0), timeouts: timeouts, using: &random)
        var text = ""
        for try await chunk in try run.get() { text += chunk.choices[0].delta.content ?? "" }
        XCTAssertEqual(text, "saved")
        XCTAssertEqual(run.attempts.map(\.deployment), ["hanging", "backup"])
    }

    func testNoTimeoutsMeansNoRace() async throws {
        let value = try await Deadline.run(within: nil, clock: SystemMonotonicClock(), what: "x") { 42 }
        XCTAssertEqual(value, 42)
    }
}
