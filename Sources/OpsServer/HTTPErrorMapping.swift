import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import OpsCore
import OpsLocalModels

/// The one place errors become HTTP: every error a handler throws leaves here as an
/// OpenAI-shaped body `{"error":{"message","type","param","code"}}` with its status.
enum HTTPErrorMapping {
    /// Any error as an `OpsError`. Module errors say their own (`OpsErrorConvertible`); errors
    /// nothing here knows become a bare 500: their text may hold a driver's or a library's words,
    /// which go to the log (`ErrorMiddleware`), never to a client.
    static func opsError(from error: any Error) -> OpsError {
        if let e = error as? OpsError { return e }
        if let e = error as? any OpsErrorConvertible { return e.opsError }
        if let e = error as? LocalModelError {
            return OpsError(e.isClientError ? .invalidRequest : .internalError, e.description,
                            code: e.isClientError ? "invalid_request" : "local_model_error")
        }
        if let e = error as? HTTPError {
            switch e.status {
            case .contentTooLarge: return OpsError(.payloadTooLarge, e.body ?? "Request body is too large", code: "payload_too_large")
            case .notFound: return OpsError(.notFound, e.body ?? "Not found", code: "not_found")
            case .unauthorized: return OpsError(.unauthorized, e.body ?? "Unauthorized", code: "invalid_api_key")
            default:
                return OpsError(e.status.code < 500 ? .invalidRequest : .internalError, e.body ?? e.status.reasonPhrase)
            }
        }
        if error is CancellationError { return OpsError(.internalError, "The request was cancelled", code: "cancelled") }
        if let e = error as? JSONParseError { return .invalid("Malformed JSON body: \(e)", code: "invalid_json") }
        return OpsError(.internalError, "Internal error", code: "internal_error")
    }

    static func status(for error: OpsError) -> HTTPResponse.Status {
        switch error.kind {
        case .invalidRequest: return .badRequest
        case .unauthorized: return .unauthorized
        case .forbidden: return .forbidden
        case .notFound: return .notFound
        case .conflict: return .conflict
        case .payloadTooLarge: return .contentTooLarge
        case .rateLimited: return .tooManyRequests
        case .upstream(let status):
            // Upstream 4xx reach the client as they were; upstream failures are a bad gateway.
            return (400..<500).contains(status) ? HTTPResponse.Status(code: status) : .badGateway
        case .upstreamUnavailable: return .badGateway
        case .upstreamTimeout: return .gatewayTimeout
        case .internalError: return .internalServerError
        case .unavailable: return .serviceUnavailable
        }
    }

    /// OpenAI's error `type` for the status.
    static func type(for error: OpsError) -> String {
        if let type = error.type { return type }
        switch error.kind {
        case .invalidRequest, .notFound, .conflict, .payloadTooLarge: return "invalid_request_error"
        case .unauthorized: return "authentication_error"
        case .forbidden: return "permission_error"
        case .rateLimited: return "rate_limit_error"
        case .upstream(let status) where (400..<500).contains(status): return "invalid_request_error"
        case .upstream, .upstreamUnavailable, .upstreamTimeout: return "upstream_error"
        case .internalError, .unavailable: return "server_error"
        }
    }

    static func body(for error: OpsError) -> JSONValue {
        ["error": ["message": .string(error.message), "type": .string(type(for: error)),
                   "param": error.param.map { .string($0) } ?? .null, "code": error.code.map { .string($0) } ?? .null]]
    }

    static func response(for error: any Error) -> Response {
        let e = opsError(from: error)
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        for (name, value) in e.headers {
            if let field = HTTPField.Name(name) { headers[field] = value }
        }
        return Response(status: status(for: e), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body(for: e).serialized())))
    }
}

/// Catches whatever a handler throws and answers through `HTTPErrorMapping`.
/// Server-side failures (5xx other than an upstream's) are logged with their full text, which the
/// client never sees.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = OpsRequestContext
    var logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let response = HTTPErrorMapping.response(for: error)
            if response.status == .internalServerError || response.status == .serviceUnavailable {
                logger.error("\(request.method) \(request.uri.path) answered \(response.status.code): \(String(describing: error))")
            }
            return response
        }
    }
}
