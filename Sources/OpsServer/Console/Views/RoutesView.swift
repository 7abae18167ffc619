import OpsCore
import OpsGateway

/// What the routes page shows.
struct RoutesView {
    struct Row {
        var name, deployments, fallbacks, sticky, retries, cache, limits: String
    }

    struct Circuit {
        var deployment, state, pill: String
        var opened: Int
    }

    struct Change {
        var version: Int
        var time, actor, names: String
    }

    var version: Int
    var routes: [Row]
    var circuits: [Circuit]
    var changes: [Change]
    // Stored, not computed: templates read views by reflection, which sees stored properties only.
    var hasRoutes = false
    var hasCircuits = false
    var hasChanges = false

    init(version: Int, routes: [RouteConfig], circuits: [(deployment: String, state: CircuitBreaker.State, openCount: Int)],
         changes: [StoredRouteChange]) {
        self.version = version
        self.routes = routes.map { route in
            let weights = route.deployments.map { "\($0.model) (\(Self.number($0.weight)))" }.joined(separator: ", ")
            var cache: [String] = []
            if let ttl = route.cache.exactTTLSeconds { cache.append("exact \(ttl) s") }
            if let threshold = route.cache.semanticThreshold { cache.append("semantic ≥ \(Self.number(Double(threshold)))") }
            var limits: [String] = []
            if let rpm = route.limits.requestsPerMinute { limits.append("\(rpm) rpm") }
            if let tpm = route.limits.tokensPerMinute { limits.append("\(tpm) tpm") }
            return Row(name: route.name, deployments: weights, fallbacks: route.fallbacks.isEmpty ? "—" : route.fallbacks.joined(separator: " → "),
                       sticky: route.sticky.rawValue, retries: "\(route.retries.attempts) × from \(route.retries.backoffMs) ms",
                       cache: cache.isEmpty ? "—" : cache.joined(separator: ", "), limits: limits.isEmpty ? "—" : limits.joined(separator: ", "))
        }
        self.circuits = circuits.map { circuit in
            switch circuit.state {
            case .closed: return Circuit(deployment: circuit.deployment, state: "closed", pill: "ok", opened: circuit.openCount)
            case .open: return Circuit(deployment: circuit.deployment, state: "open", pill: "error", opened: circuit.openCount)
            case .halfOpen: return Circuit(deployment: circuit.deployment, state: "half-open", pill: "warn", opened: circuit.openCount)
            }
        }
        self.changes = changes.map { change in
            let names = (change.routes["routes"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
            return Change(version: change.version, time: ConsoleFormat.time(change.createdAt), actor: change.actor,
                          names: names.isEmpty ? "(none)" : names.joined(separator: ", "))
        }
        hasRoutes = !self.routes.isEmpty
        hasCircuits = !self.circuits.isEmpty
        hasChanges = !self.changes.isEmpty
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
