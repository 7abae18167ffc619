import Hummingbird
import NIOCore
import OpsCore

/// Per-request state: Hummingbird's core storage plus the authenticated key.
public struct OpsRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `KeyAuthMiddleware`.
    public var key: APIKey?
    /// The console session's key secret, when the request came with the console cookie.
    public var fromConsole = false

    /// The connection, for the client's address (read only when authentication needs it).
    private let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// The peer address of the connection the request came on.
    public var remoteAddress: SocketAddress? { channel.remoteAddress }

    /// The authenticated key; 401 when the route ran without authentication.
    public func requireKey() throws(OpsError) -> APIKey {
        guard let key else { throw OpsError(.unauthorized, "Missing API key", code: "missing_api_key") }
        return key
    }

    /// The key, when its role includes `role`; 403 otherwise.
    public func require(_ role: Role) throws(OpsError) -> APIKey {
        let key = try requireKey()
        guard key.role.allows(role) else {
            throw OpsError(.forbidden, "This key's role '\(key.role.rawValue)' cannot do this; it needs '\(role.rawValue)' or higher",
                           code: "insufficient_role")
        }
        return key
    }
}
