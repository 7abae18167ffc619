import Foundation

/// Turns a route and a request into the ordered list of deployments to try: the weighted pick,
/// then the fallbacks, leaving out deployments whose circuit is open.
public struct RoutePlanner: Sendable {
    /// Answers whether a deployment should be skipped; usually `CircuitBreakers.isOpen`.
    public var isUnavailable: @Sendable (String) -> Bool

    public init(isUnavailable: @escaping @Sendable (String) -> Bool = { _ in false }) {
        self.isUnavailable = isUnavailable
    }

    /// The plan for one request. `user` matters only on sticky routes; a sticky route without a
    /// user falls back to a random pick.
    public func plan<R: RandomNumberGenerator>(_ route: RouteConfig, user: String?, using random: inout R) -> RoutePlan {
        var skipped: [String] = []
        var candidates: [RouteConfig.WeightedDeployment] = []
        for deployment in route.deployments where deployment.weight > 0 {
            if isUnavailable(deployment.model) { skipped.append(deployment.model) } else { candidates.append(deployment) }
        }
        var steps: [RoutePlan.Step] = []
        let pick: String?
        if route.sticky == .user, let user, !user.isEmpty {
            pick = Self.stickyPick(candidates, user: user)
        } else {
            pick = Self.weightedPick(candidates, using: &random)
        }
        if let pick { steps.append(.init(model: pick, reason: .weighted)) }
        for fallback in route.fallbacks where fallback != pick && !steps.contains(where: { $0.model == fallback }) {
            if isUnavailable(fallback) { skipped.append(fallback) } else { steps.append(.init(model: fallback, reason: .fallback)) }
        }
        return RoutePlan(route: route.name, steps: steps, skipped: skipped, scope: route.scope)
    }

    /// A random pick in proportion to weight.
    static func weightedPick<R: RandomNumberGenerator>(_ candidates: [RouteConfig.WeightedDeployment],
                                                       using random: inout R) -> String? {
        // One candidate (every plain model, a route whose others are open) needs no draw.
        if candidates.count == 1 { return candidates[0].weight > 0 ? candidates[0].model : nil }
        let total = candidates.reduce(0) { $0 + $1.weight }
        guard total > 0 else { return nil }
        // A uniform draw in [0, total) from 53 random bits: `Double.random(in:using:)` stays generic
        // here (unspecialized protocol witnesses) and cost about 3 µs a call in a profile.
        var point = Double(random.next() >> 11) * 0x1p-53 * total
        for candidate in candidates {
            if point < candidate.weight { return candidate.model }
            point -= candidate.weight
        }
        return candidates.last?.model
    }

    /// Weighted rendezvous hashing: each deployment scores `-ln(u) / weight` with `u` drawn from the
    /// hash of (user, deployment) and the lowest wins. Raising one weight only moves users onto
    /// that deployment, and removing one (an open circuit) only moves its own users.
    static func stickyPick(_ candidates: [RouteConfig.WeightedDeployment], user: String) -> String? {
        var best: (model: String, score: Double)?
        for candidate in candidates {
            var hasher = StableHasher()
            hasher.combine(user)
            hasher.combine(candidate.model)
            let bits = hasher.finalize().low >> 11
            let unit = (Double(bits) + 0.5) / Double(1 << 53)
            let score = -log(unit) / candidate.weight
            if best == nil || score < best!.score { best = (candidate.model, score) }
        }
        return best?.model
    }
}
