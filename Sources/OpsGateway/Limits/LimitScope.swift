/// Who a limit applies to.
public enum LimitScope: Sendable, Hashable, CustomStringConvertible {
    case key(String)
    case project(String)
    case route(String)

    /// The prefix of the store keys for this scope, e.g. `key:abc`.
    public var id: String {
        switch self {
        case .key(let id): return "key:\(id)"
        case .project(let id): return "project:\(id)"
        case .route(let name): return "route:\(name)"
        }
    }

    /// How error messages name the scope.
    public var description: String {
        switch self {
        case .key(let id): return "key \(id)"
        case .project(let id): return "project \(id)"
        case .route(let name): return "route \(name)"
        }
    }
}
