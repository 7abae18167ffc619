import OpsCore
import OpsGateway
import Synchronization

/// The `LimitPlan` of each key and route seen, so a call neither rebuilds its rules nor their
/// store keys. Bounded: past `capacity` plans it starts over.
final class LimitPlans: Sendable {
    private struct Name: Hashable {
        var keyID: String
        var route: String?
    }

    private let plans = Mutex<[Name: LimitPlan]>([:])
    private let projects: [String: ProjectLimitsConfig]
    private let capacity: Int
    /// Where plans find their keys' cells when the limits live in this process.
    private let memory: WriteBehindLimitStore?

    init(projects: [String: ProjectLimitsConfig], capacity: Int = 10_000, memory: WriteBehindLimitStore? = nil) {
        self.projects = projects
        self.memory = memory
        self.capacity = max(1, capacity)
    }

    func plan(for key: APIKey, route: RouteConfig?) -> LimitPlan {
        let name = Name(keyID: key.id, route: route?.name)
        if let cached = plans.withLock({ $0[name] }), cached.matches(key, route) { return cached }
        let built = LimitPlan(key: key, route: route, project: projects[key.project], memory: memory)
        plans.withLock { plans in
            if plans.count >= capacity { plans.removeAll(keepingCapacity: true) }
            plans[name] = built
        }
        return built
    }

    var count: Int { plans.withLock { $0.count } }
}
