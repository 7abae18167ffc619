import Hummingbird
import OpsCore

extension GatewayServices {
    /// Runs one gateway call with its trace: the trace starts once authentication passed, and is
    /// recorded with the error whatever goes wrong after that (role, body, model, upstream).
    func traced(_ name: String, _ request: Request, _ context: OpsRequestContext,
                _ call: (inout TraceDraft) async throws -> Response) async throws -> Response {
        let key = try context.requireKey()
        var draft = TraceDraft(name: name, key: key, request: request, now: clock.now())
        do {
            _ = try context.require(.developer)
            return try await call(&draft)
        } catch {
            draft.fail(error)
            await finish(draft.trace)
            // The client can look the failed call up too.
            var answered = HTTPErrorMapping.opsError(from: error)
            answered.headers[TraceDraft.traceIDHeader.canonicalName] = draft.trace.id
            throw answered
        }
    }

    /// Records a successful call; in strict mode a trace that could not be stored fails the call
    /// (503) rather than answering 2xx without it.
    func finishOrRefuse(_ trace: Trace) async throws {
        guard await finish(trace) || recorder.durability == .fast else {
            throw OpsError(.unavailable, "The answer could not be recorded: the trace store is failing (tracing.durability is strict)",
                           code: "trace_store_unavailable")
        }
    }
}
