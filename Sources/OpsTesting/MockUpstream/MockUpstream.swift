import Foundation
import Hummingbird
import OpsCore

/// A real HTTP server on loopback that speaks OpenAI's and Anthropic's wire formats, scriptable
/// per request: errors, delays, hangs, slow and broken streams. Tests and benchmarks point the
/// gateway at it.
public final class MockUpstream: Sendable {
    let state: MockUpstreamState
    private let task = MutexBox<Task<Void, any Error>?>(nil)

    /// `recordsRequests: false` keeps no request bodies (`requests` stays empty), for long runs.
    public init(recordsRequests: Bool = true) { state = MockUpstreamState(recordsRequests: recordsRequests) }

    /// Starts listening on 127.0.0.1 (`port` 0 picks a free one) and returns the port.
    public func start(host: String = "127.0.0.1", port: Int = 0) async throws -> Int {
        let router = Router()
        MockOpenAIRoutes(state: state).register(on: router)
        MockAnthropicRoutes(state: state).register(on: router)
        MockControlRoutes(state: state).register(on: router)
        let (portStream, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: "mock-upstream"),
                              onServerRunning: { channel in portContinuation.yield(channel.localAddress?.port ?? 0) })
        task.set(Task { try await app.run() })
        for await bound in portStream { return bound }
        throw CancellationError()
    }

    public func stop() async {
        if let running = task.take() {
            running.cancel()
            _ = try? await running.value
        }
    }

    /// Behaviours for the next requests, in order; after them the default applies.
    public func enqueue(_ behaviors: MockBehavior...) { state.enqueue(behaviors) }
    /// Answers chat requests whose last user message contains a rule's text with its behaviour,
    /// before the queue and the default; the first matching rule wins. Replaces earlier rules.
    public func setRules(_ rules: [(contains: String, behavior: MockBehavior)]) { state.setRules(rules) }
    /// What every request gets when nothing is queued (initially `.echo`).
    public func setDefault(_ behavior: MockBehavior) { state.setDefault(behavior) }
    /// Request bodies received so far (none when made with `recordsRequests: false`).
    public var requests: [JSONValue] { state.requests }
    /// The `Authorization` header of each OpenAI-shaped request, in order ("" when absent).
    public var authorizations: [String] { state.authorizations }
    /// Streams whose client went away before the end.
    public var disconnectedStreams: Int { state.disconnectedStreams }
    public var completedStreams: Int { state.completedStreams }
    public func reset() { state.reset() }
}

/// A tiny lock-protected box for the server task.
final class MutexBox<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func set(_ newValue: Value) { lock.lock(); value = newValue; lock.unlock() }

    func take() -> Value where Value: ExpressibleByNilLiteral {
        lock.lock()
        defer { value = nil; lock.unlock() }
        return value
    }
}
