import HTTPTypes
import Hummingbird
import OpsCore

/// Authenticates `Authorization: Bearer <key>` (or `x-api-key`, as Anthropic clients send) and
/// puts the key in the context. Role checks happen in controllers, after a trace has begun. Failed
/// attempts count toward the client address's and key prefix's throttle (`AuthThrottle`).
struct KeyAuthMiddleware: RouterMiddleware {
    typealias Context = OpsRequestContext
    let authenticator: KeyAuthenticator

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.key = try await authenticator.authenticate(
            secret: Self.secret(in: request),
            from: ClientAddress.of(request, context: context, header: authenticator.clientAddressHeader))
        return try await next(request, context)
    }

    private static let apiKeyHeader = HTTPField.Name("x-api-key")!
    private static let bearerPrefix = Array("Bearer ".utf8)

    static func secret(in request: Request) -> String? {
        if let header = request.headers[.authorization] {
            // The common case, `Bearer <key>`, without allocating; anything else goes the slow way.
            // Compared as bytes: `hasPrefix` and `first`/`last` on characters cost grapheme breaking.
            let bytes = header.utf8
            if bytes.count > 7, bytes.starts(with: Self.bearerPrefix), bytes.last != UInt8(ascii: " "),
               bytes[bytes.index(bytes.startIndex, offsetBy: 7)] != UInt8(ascii: " ") {
                return String(decoding: bytes.dropFirst(7), as: UTF8.self)
            }
            let trimmed = header.trimmingCharacters(in: .whitespaces)
            if trimmed.lowercased().hasPrefix("bearer ") { return String(trimmed.dropFirst(7)).trimmingCharacters(in: .whitespaces) }
            return trimmed
        }
        return request.headers[apiKeyHeader]
    }
}
