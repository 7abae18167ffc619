/// What a key may do. Each role includes the rights of the ones below it.
public enum Role: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Reads traces, dashboards and the console.
    case viewer
    /// Also calls models through the gateway and writes prompts, datasets and scores.
    case developer
    /// Also manages keys and configuration.
    case admin

    private var rank: Int {
        switch self {
        case .viewer: return 0
        case .developer: return 1
        case .admin: return 2
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }

    /// Whether this role includes `required`.
    public func allows(_ required: Role) -> Bool { self >= required }
}
