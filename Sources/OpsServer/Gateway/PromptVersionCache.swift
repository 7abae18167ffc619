import OpsCore
import Synchronization

/// Prompt versions as the gateway's `prompt` field resolves them, kept in memory: a numbered
/// version never changes, so it is read from the store once; a label or "the newest" is looked up
/// again after `ttl` (1 s), and at once after a push or label move through this server. Another
/// replica's label move reaches this one within `ttl`. Without it every call with a `prompt`
/// field was a database read, which at concurrency 16 queued on the reader pool.
final class PromptVersionCache: Sendable {
    private struct VersionKey: Hashable {
        var project: String
        var name: String
        var number: Int
    }

    private struct PointerKey: Hashable {
        var project: String
        var name: String
        /// nil for the newest version.
        var label: String?
    }

    private struct Pointer {
        var number: Int
        var fetched: ContinuousClock.Instant
    }

    private struct State {
        var versions: [VersionKey: PromptVersion] = [:]
        var pointers: [PointerKey: Pointer] = [:]
    }

    private let store: any PromptStore
    private let ttl: Duration
    private let capacity: Int
    private let state = Mutex(State())

    init(store: any PromptStore, ttl: Duration = .seconds(1), capacity: Int = 4_096) {
        self.store = store
        self.ttl = ttl
        self.capacity = capacity
    }

    /// The version `reference` names in `project`; errors are the store's (`prompt_not_found`).
    func resolve(_ reference: PromptReference, project: String) async throws -> PromptVersion {
        let now = ContinuousClock.now
        let pointer: PointerKey?
        let number: Int?
        switch reference.selector {
        case .version(let n):
            pointer = nil
            number = n
        case .label(let label):
            pointer = PointerKey(project: project, name: reference.name, label: label)
            number = fresh(pointer!, now: now)
        case .latest:
            pointer = PointerKey(project: project, name: reference.name, label: nil)
            number = fresh(pointer!, now: now)
        }
        if let number, let version = state.withLock({ $0.versions[VersionKey(project: project, name: reference.name, number: number)] }) {
            return version
        }
        let version = try await store.resolve(reference, project: project)
        state.withLock { state in
            if state.versions.count >= capacity { state.versions.removeAll(keepingCapacity: true) }
            if state.pointers.count >= capacity { state.pointers.removeAll(keepingCapacity: true) }
            state.versions[VersionKey(project: project, name: version.name, number: version.number)] = version
            if let pointer { state.pointers[pointer] = Pointer(number: version.number, fetched: now) }
        }
        return version
    }

    /// Forgets where the labels and the newest version of `name` point, after a push or a label
    /// move, so this server's next call sees the change.
    func invalidate(project: String, name: String) {
        state.withLock { state in
            state.pointers = state.pointers.filter { !($0.key.project == project && $0.key.name == name) }
        }
    }

    private func fresh(_ key: PointerKey, now: ContinuousClock.Instant) -> Int? {
        state.withLock { state in
            guard let pointer = state.pointers[key], pointer.fetched.duration(to: now) < ttl else { return nil }
            return pointer.number
        }
    }
}
