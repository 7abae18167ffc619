import Foundation
import OpsCore
@testable import OpsGateway
import XCTest

final class FallbackExecutorTests: XCTestCase {
    private let clock = ManualMonotonicClock()
    private var random = SplitMix64(seed: 4)
    private let request = ChatRequest(model: "chat", messages: [.user("hi")], user: "u1")
    private let plan = RoutePlan(route: "chat", steps: [.init(model: "primary", reason: .weighted),
                                                       .init(model: "backup", reason: .fallback)])

    private func executor(_ models: [ScriptedChatModel], threshold: Int = 5) -> (FallbackExecutor, CircuitBreakers) {
        let byName = Dictionary(uniqueKeysWithValues: models.map { ($0.name, $0 as any ChatModel) })
        let breakers = CircuitBreakers(settings: .init(failureThreshold: threshold), clock: clock)
        let wall = ManualWallClock(Date(timeIntervalSince1970: 1_790_000_000))
        return (FallbackExecutor(models: { byName[$0] }, breakers: breakers, clock: clock, wallClock: wall), breakers)
    }

    private var policy: RetryPolicy { RetryPolicy(maxRetries: 2, baseDelay: .milliseconds(50), maxDelay: .seconds(1)) }

    func testRetriesThenSucceedsAndRecordsEveryAttempt() async throws {
        let primary = ScriptedChatModel("primary", [.fail(OpsError.serverError), .fail(OpsError.tooManyRequests), .answer("ok")])
        let (executor, _) = executor([primary])
        let run = await executor.complete(request, plan: plan, policy: policy, using: &random)
        XCTAssertEqual(try run.get().choices[0].message.text, "ok")
        XCTAssertEqual(run.deployment, "primary")
        XCTAssertEqual(run.attempts.map(\.status), [500, 429, 200])
        XCTAssertEqual(run.attempts.map(\.attempt), [1, 2, 3])
        XCTAssertEqual(clock.sleeps.count, 2)
        XCTAssertTrue(clock.sleeps[0] <= .milliseconds(50) && clock.sleeps[1] <= .milliseconds(100))
        XCTAssertEqual(primary.calls.map(\.model), ["primary", "primary", "primary"], "each call names the deployment")
        XCTAssertFalse(run.fellBack)
    }

    func testRouteTimeoutsReachEveryAttemptAndAreAbsentWithoutThem() async throws {
        let primary = ScriptedChatModel("primary", [.fail(OpsError.serverError)])
        let backup = ScriptedChatModel("backup", [.answer("ok"), .answer("ok")])
        let (executor, _) = executor([primary, backup])
        let limits = UpstreamTimeouts(connectMs: 250, firstTokenMs: 750, totalMs: 5_000)
        let noRetries = RetryPolicy(maxRetries: 0, baseDelay: .milliseconds(50), maxDelay: .seconds(1))
        _ = await executor.complete(request, plan: plan, policy: noRetries, timeouts: limits, using: &random)
        XCTAssertEqual(primary.calls.map(\.upstreamTimeouts), [limits])
        XCTAssertEqual(backup.calls.map(\.upstreamTimeouts), [limits], "the fallback gets the route's limits too")
        _ = await executor.complete(request, plan: RoutePlan(route: "chat", steps: [.init(model: "backup", reason: .weighted)]),
                                    policy: noRetries, using: &random)
        XCTAssertNil(backup.calls.last?.upstreamTimeouts, "without route timeouts the deployment's own apply")
    }

    func testFallsBackWhenRetriesRunOut() async throws {
        let primary = ScriptedChatModel("primary", Array(repeating: .fail(OpsError.serverError), count: 3))
        let backup = ScriptedChatModel("backup", [.answer("from backup")])
        let (executor, _) = executor([primary, backup])
        let run = await executor.complete(request, plan: plan, policy: policy, using: &random)
        XCTAssertEqual(try run.get().choices[0].message.text, "from backup")
        XCTAssertEqual(run.attempts.map(\.deployment), ["primary", "primary", "primary", "backup"])
        XCTAssertEqual(run.attempts.last?.outcome, .success)
        XCTAssertTrue(run.fellBack)
    }

    func testContextLengthFallsBackWithoutRetrying() async throws {
        let primary = ScriptedChatModel("primary", [.fail(OpsError.contextTooLong)])
        let backup = ScriptedChatModel("backup", [.answer("long context")])
        let (executor, _) = executor([primary, backup])
        let run = await executor.complete(request, plan: plan, policy: policy, using: &random)
        XCTAssertEqual(run.attempts.map(\.deployment), ["primary", "backup"])
        XCTAssertEqual(run.attempts.first?.error?.code, "context_length_exceeded")
        XCTAssertTrue(clock.sleeps.isEmpty)
    }

    func testClientErrorsNeitherRetryNorFallBack() async {
        for error in [OpsError.badRequest, OpsError.contentPolicy] {
            let primary = ScriptedChatModel("primary", [.fail(error)])
            let backup = ScriptedChatModel("backup", [.answer("never")])
            let (executor, breakers) = executor([primary, backup])
            let run = await executor.complete(request, plan: plan, policy: policy, using: &random)
            XCTAssertThrowsError(try run.get()) { XCTAssertEqual($0 as? OpsError, error) }
            XCTAssertEqual(run.attempts.count, 1)
            XCTAssertTrue(backup.calls.isEmpty)
            XCTAssertEqual(breakers.breaker(for: "primary").state, .closed)
        }
    }

    func testEveryDeploymentFailingReturnsTheLastErrorWithAllAttempts() async {
        let primary = ScriptedChatModel("primary", Array(repeating: .fail(OpsError.serverError), count: 3))
        let backup = ScriptedChatModel("backup", Array(repeating: .fail(OpsError(.upstreamTimeout, "slow")), count: 3))
        let (executor, _) = executor([primary, backup])
        let run = await executor.complete(request, plan: plan, policy: policy, using: &random)
        XCTAssertThrowsError(try run.get()) { XCTAssertEqual(($0 as? OpsError)?.kind, .upstreamTimeout) }
        XCTAssertEqual(run.attempts.count, 6)
        XCTAssertNil(run.deployment)
    }

    func testAnEmptyPlanSaysNoDeploymentIsAvailable() async {
        let (executor, _) = executor([])
        let empty = RoutePlan(route: "chat", steps: [], skipped: ["primary", "backup"])
        let run = await executor.complete(request, plan: empty, policy: policy, using: &random)
        XCTAssertThrowsError(try run.get()) { error in
            XCTAssertEqual((error as? OpsError)?.code, "no_deployment_available")
            XCTAssertTrue((error as? OpsError)?.message.contains("primary, backup") == true)
        }
    }

    func testFailuresOpenTheCircuitAndLaterRequestsAreRejectedWithoutACall() async throws {
        let primary = ScriptedChatModel("primary", Array(repeating: .fail(OpsError.serverError), count: 3))
        let backup = ScriptedChatModel("backup", [.answer("a"), .answer("b")])
        let (executor, breakers) = executor([primary, backup], threshold: 3)
        _ = await executor.complete(request, plan: plan, policy: policy, using: &random)
        XCTAssertTrue(breakers.isRejecting("primary"))
        let second = await executor.complete(request, plan: plan, policy: policy, using: &random)
        XCTAssertEqual(second.attempts.map(\.outcome), [.rejected, .success])
        XCTAssertEqual(primary.calls.count, 3)
    }

    func testStreamFallsBackBeforeTheFirstChunk() async throws {
        let primary = ScriptedChatModel("primary", [.chunks([], then: OpsError.serverError)] + Array(repeating: .fail(OpsError.serverError), count: 2))
        let backup = ScriptedChatModel("backup", [.chunks(["Hel", "lo"], then: nil)])
        let (executor, _) = executor([primary, backup])
        let run = await executor.stream(request, plan: plan, policy: policy, using: &random)
        var text = ""
        for try await chunk in try run.get() { text += chunk.choices[0].delta.content ?? "" }
        XCTAssertEqual(text, "Hello")
        XCTAssertEqual(run.deployment, "backup")
        XCTAssertEqual(run.attempts.count, 4)
    }

    func testStreamErrorAfterTheFirstChunkReachesTheClient() async throws {
        let primary = ScriptedChatModel("primary", [.chunks(["partial"], then: OpsError.serverError)])
        let backup = ScriptedChatModel("backup", [.answer("never")])
        let (executor, _) = executor([primary, backup])
        let run = await executor.stream(request, plan: plan, policy: policy, using: &random)
        var received: [String] = []
        do {
            for try await chunk in try run.get() { received.append(chunk.choices[0].delta.content ?? "") }
            XCTFail("the stream should end with the upstream error")
        } catch {
            XCTAssertEqual(error as? OpsError, OpsError.serverError)
        }
        XCTAssertEqual(received, ["partial"])
        XCTAssertTrue(backup.calls.isEmpty)
        XCTAssertEqual(run.attempts.map(\.outcome), [.success])
    }
}
