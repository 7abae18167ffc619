import HTTPTypes
import Hummingbird

/// Puts the headers that keep browsers from misreading or embedding answers on every response,
/// errors included: `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer`, and a
/// Content-Security-Policy that allows nothing (`base-uri 'none'`, `frame-ancestors 'none'`) unless
/// the response set its own (console pages do, allowing their inline styles).
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var contentTypeOptions: HTTPField.Name { HTTPField.Name("x-content-type-options")! }
    static var referrerPolicy: HTTPField.Name { HTTPField.Name("referrer-policy")! }
    static var contentSecurityPolicy: HTTPField.Name { HTTPField.Name("content-security-policy")! }
    static var denyAll: String { "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'" }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            var response = try await next(request, context)
            Self.apply(to: &response.headers)
            return response
        } catch let error as any HTTPResponseError {
            var response = try error.response(from: request, context: context)
            Self.apply(to: &response.headers)
            return response
        }
    }

    static func apply(to headers: inout HTTPFields) {
        headers.append(HTTPField(name: contentTypeOptions, value: "nosniff"))
        headers.append(HTTPField(name: referrerPolicy, value: "no-referrer"))
        if headers[contentSecurityPolicy] == nil { headers.append(HTTPField(name: contentSecurityPolicy, value: denyAll)) }
    }
}
