import OpsCore
import Synchronization

/// What the mock has been told to do and what it has seen, shared with the test.
final class MockUpstreamState: Sendable {
    private struct State {
        var script: [MockBehavior] = []
        var fallback: MockBehavior = .echo
        var rules: [(contains: String, behavior: MockBehavior)] = []
        var requests: [JSONValue] = []
        var authorizations: [String] = []
        var disconnectedStreams = 0
        var completedStreams = 0
    }

    private let state = Mutex(State())
    /// Whether request bodies are kept for `requests`. The mock process (benchmarks, other
    /// languages' tests) never reads them, and keeping every body grew it by ~1 kB a call.
    let recordsRequests: Bool

    init(recordsRequests: Bool = true) { self.recordsRequests = recordsRequests }

    func next() -> MockBehavior {
        state.withLock { s in s.script.isEmpty ? s.fallback : s.script.removeFirst() }
    }

    /// The first rule whose text the prompt contains, else the next scripted behaviour.
    func next(for prompt: String) -> MockBehavior {
        if let rule = state.withLock({ s in s.rules.first { prompt.contains($0.contains) } }) { return rule.behavior }
        return next()
    }

    func setRules(_ rules: [(contains: String, behavior: MockBehavior)]) { state.withLock { $0.rules = rules } }

    func enqueue(_ behaviors: [MockBehavior]) { state.withLock { $0.script.append(contentsOf: behaviors) } }
    func setDefault(_ behavior: MockBehavior) { state.withLock { $0.fallback = behavior } }
    func reset() { state.withLock { $0 = State() } }

    func record(_ request: JSONValue) {
        guard recordsRequests else { return }
        state.withLock { $0.requests.append(request) }
    }
    var requests: [JSONValue] { state.withLock { $0.requests } }

    /// Keeps the `Authorization` header a request came with (kept with the bodies, or not at all).
    func recordAuthorization(_ value: String?) {
        guard recordsRequests else { return }
        state.withLock { $0.authorizations.append(value ?? "") }
    }
    var authorizations: [String] { state.withLock { $0.authorizations } }

    func streamDisconnected() { state.withLock { $0.disconnectedStreams += 1 } }
    func streamCompleted() { state.withLock { $0.completedStreams += 1 } }
    var disconnectedStreams: Int { state.withLock { $0.disconnectedStreams } }
    var completedStreams: Int { state.withLock { $0.completedStreams } }
}
