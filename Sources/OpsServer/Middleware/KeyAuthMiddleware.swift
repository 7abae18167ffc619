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

    static func secret(in request: Request) -> String? {
        if let header = request.headers[.authorization] {
            let trimmed = header.trimmingCharacters(in: .whitespaces)
            if trimmed.lowercased().hasPrefix("bearer ") { return String(trimmed.dropFirst(7)).trimmingCharacters(in: .whitespaces) }
            return trimmed
        }
        if let name = HTTPField.Name("x-api-key"), let key = request.headers[name] { return key }
        return nil
    }
}
