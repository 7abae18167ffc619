import OpsCore

/// Who may call a route. Every route in `Routes.swift` says it; the authorization-matrix test
/// checks each route against it with keys of every role and of another project.
enum RouteAccess: Sendable, Equatable {
    /// No key: `/health`, `/ready`, `/metrics`, the OpenAPI document.
    case open
    /// A key whose role includes this one; the catalog refuses lower roles (403) before the handler.
    case key(Role)
    /// A gateway call: the key is checked first, the role inside the call's trace, so a refused
    /// call is traced too.
    case gateway(Role)

    /// The role a key needs, nil for open routes.
    var role: Role? {
        switch self {
        case .open: return nil
        case .key(let role), .gateway(let role): return role
        }
    }
}
