import Hummingbird
import OpsTelemetry

/// In front of everything that reads or refers to traces (the management API, the console): waits
/// until every trace recorded before the request arrived is in the store. With strict mode's trace
/// journal a call is answered once its trace is journaled, before the writer has applied it to the
/// database; a client reading its trace right after must still find it. Costs nothing otherwise.
struct StoredTracesMiddleware: RouterMiddleware {
    typealias Context = OpsRequestContext
    let recorder: TraceRecorder

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        await recorder.awaitStored()
        return try await next(request, context)
    }
}
