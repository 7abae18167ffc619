import HTTPTypes
import Hummingbird
import OpsCore

/// Authenticates `Authorization: Bearer <key>` (or `x-api-key`, as Anthropic clients send) and
/// puts the key in the context. Role checks happen in controllers, after a trace has begun.
struct KeyAuthMiddleware: RouterMiddleware {
    typealias Context = OpsRequestContext
    let authenticator: KeyAuthenticator

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.key = try await authenticator.authenticate(secret: Self.secret(in: request))
        return try await next(request, context)
    }

    private static let apiKeyHeader = HTTPField.Name("x-api-key")!

    static func secret(in request: Request) -> String? {
        if let header = request.headers[.authorization] {
            // The common case, `Bearer <key>`, without allocating; anything else goes the slow way.
            let token = header.dropFirst(7)
            if header.hasPrefix("Bearer "), token.first != " ", token.last != " ", !token.isEmpty { return String(token) }
            let trimmed = header.trimmingCharacters(in: .whitespaces)
            if trimmed.lowercased().hasPrefix("bearer ") { return String(trimmed.dropFirst(7)).trimmingCharacters(in: .whitespaces) }
            return trimmed
        }
        return request.headers[apiKeyHeader]
    }
}
