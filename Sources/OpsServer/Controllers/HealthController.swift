import Hummingbird
import OpsCore

/// `/health` (the process answers) and `/ready` (the store answers too).
struct HealthController {
    let services: GatewayServices

    func health(_ request: Request, context: OpsRequestContext) async throws -> Response {
        JSONResponse.make(["status": "ok"])
    }

    func ready(_ request: Request, context: OpsRequestContext) async throws -> Response {
        do {
            try await services.store.ping()
            return JSONResponse.make(["status": "ready", "store": "ok", "trace_queue": .int(Int64(services.recorder.queueDepth))])
        } catch {
            // The driver's words name hosts, users and files: they go to the log, not to whoever asks.
            services.logger.warning("not ready: the store did not answer: \(String(describing: error))")
            var response = JSONResponse.make(["status": "not_ready", "store": "store unreachable"], status: .serviceUnavailable)
            response.headers[.retryAfter] = "2"
            return response
        }
    }

    /// The Prometheus text. With `server.metrics_auth: key` it needs a valid key of any role.
    func metrics(_ request: Request, context: OpsRequestContext) async throws -> Response {
        if services.config.server.metrics.access == .key {
            _ = try await services.authenticator.authenticate(
                secret: KeyAuthMiddleware.secret(in: request),
                from: ClientAddress.of(request, context: context, header: services.authenticator.clientAddressHeader))
        }
        services.metrics.traceQueueDepth.set(Double(services.recorder.queueDepth))
        services.metrics.observeCircuits(services.routing.breakers.snapshot().map {
            (deployment: $0.deployment, state: $0.state.rawValue, openCount: $0.openCount)
        })
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: .init(bytes: services.metrics.render())))
    }
}
