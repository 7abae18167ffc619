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
            return JSONResponse.make(["status": "not_ready", "store": .string("\(error)")], status: .serviceUnavailable)
        }
    }

    func metrics(_ request: Request, context: OpsRequestContext) async throws -> Response {
        services.metrics.traceQueueDepth.set(Double(services.recorder.queueDepth))
        services.metrics.observeCircuits(services.routing.breakers.snapshot().map {
            (deployment: $0.deployment, state: $0.state.rawValue, openCount: $0.openCount)
        })
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: .init(bytes: services.metrics.render())))
    }
}
