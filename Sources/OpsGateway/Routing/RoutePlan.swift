/// The deployments one request will try, in order, and why each is there.
public struct RoutePlan: Sendable, Hashable {
    /// Why a deployment is in the plan.
    public enum Reason: String, Sendable, Hashable {
        /// Chosen by weight (randomly, or by the user's hash when sticky).
        case weighted
        /// A configured fallback.
        case fallback
    }

    /// One step of the plan.
    public struct Step: Sendable, Hashable {
        public var model: String
        public var reason: Reason

        public init(model: String, reason: Reason) {
            self.model = model
            self.reason = reason
        }
    }

    public var route: String
    public var steps: [Step]
    /// Deployments left out because their circuit was open.
    public var skipped: [String]
    /// Whose circuit breakers the steps use (`RouteConfig.scope`).
    public var scope: String

    public init(route: String, steps: [Step], skipped: [String] = [], scope: String = "") {
        self.route = route
        self.steps = steps
        self.skipped = skipped
        self.scope = scope
    }

    public var models: [String] { steps.map(\.model) }
    public var isEmpty: Bool { steps.isEmpty }
}
