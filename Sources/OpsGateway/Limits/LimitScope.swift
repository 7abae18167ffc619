/// Who a limit applies to.
public enum LimitScope: Sendable, Hashable, CustomStringConvertible {
    case key(String)
    case project(String)
    case route(String)
    /// A project's own route: its states are apart from the operator's route of the same name and
    /// from every other project's.
    case projectRoute(project: String, name: String)

    /// The prefix of the store keys for this scope, e.g. `key:abc`.
    public var id: String {
        switch self {
        case .key(let id): return "key:\(id)"
        case .project(let id): return "project:\(id)"
        case .route(let name): return "route:\(name)"
        // The project's length first, so no pair of project and route names spells another's.
        case .projectRoute(let project, let name): return "proute:\(project.utf8.count):\(project):\(name)"
        }
    }

    /// How error messages name the scope.
    public var description: String {
        switch self {
        case .key(let id): return "key \(id)"
        case .project(let id): return "project \(id)"
        case .route(let name): return "route \(name)"
        case .projectRoute(_, let name): return "route \(name)"
        }
    }
}
