import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import OpsCore
import OpsGateway
import OpsProviders

/// Relays a streamed completion chunk by chunk as server-sent events while assembling the trace.
/// The final `[DONE]` goes out after the trace is recorded, so in strict mode a client that saw
/// `[DONE]` has its trace stored. A failure after the first chunk ends the stream with an error event.
struct ChatStreamResponder {
    let services: GatewayServices
    let draft: TraceDraft
    let request: ChatRequest
    let deployment: ModelDeployment

    func response(streaming stream: AsyncThrowingStream<ChatChunk, Error>) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-cache"
        headers[HTTPField.Name("x-llmops-trace-id")!] = draft.trace.id
        let services = self.services, request = self.request, deployment = self.deployment
        let initial = self.draft
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            var draft = initial
            var assembler = StreamAssembler()
            var clientGone = false
            do {
                for try await chunk in stream {
                    if draft.trace.ttftMs == nil, chunk.choices.contains(where: { $0.delta.content != nil || $0.delta.toolCalls != nil }) {
                        draft.trace.ttftMs = draft.elapsedMs
                    }
                    assembler.add(chunk)
                    let usageOnly = chunk.choices.isEmpty && chunk.usage != nil
                    if usageOnly && !request.includeUsageInStream { continue }
                    var outgoing = chunk
                    if !request.includeUsageInStream { outgoing.usage = nil }
                    do {
                        try await writer.write(ByteBuffer(bytes: SSEEncoder.data(outgoing.json)))
                    } catch {
                        clientGone = true
                        break
                    }
                }
                if clientGone {
                    // Leaving the loop dropped the stream, which cancels the upstream call.
                    draft = Self.finished(draft, assembler, request, deployment)
                    draft.fail(OpsError(.invalidRequest, "The client disconnected mid-stream; the upstream call was cancelled",
                                        code: "client_disconnected"))
                    draft.trace.httpStatus = 499
                    await services.finish(draft.trace)
                    return
                }
                draft = Self.finished(draft, assembler, request, deployment)
                let stored = await services.finish(draft.trace)
                if !stored && services.recorder.durability == .strict {
                    let e = OpsError(.unavailable, "The answer could not be recorded: the trace store is failing", code: "trace_store_unavailable")
                    try await writer.write(ByteBuffer(bytes: SSEEncoder.data(HTTPErrorMapping.body(for: e))))
                }
                try await writer.write(ByteBuffer(bytes: SSEEncoder.done))
                try await writer.finish(nil)
            } catch {
                draft = Self.finished(draft, assembler, request, deployment)
                draft.fail(error)
                draft.trace.error = "stream failed after \(assembler.chunkCount) chunks: \(draft.trace.error ?? "")"
                await services.finish(draft.trace)
                let e = HTTPErrorMapping.opsError(from: error)
                try? await writer.write(ByteBuffer(bytes: SSEEncoder.data(HTTPErrorMapping.body(for: e))))
                try? await writer.finish(nil)
            }
        })
    }

    private static func finished(_ draft: TraceDraft, _ assembler: StreamAssembler, _ request: ChatRequest,
                                 _ deployment: ModelDeployment) -> TraceDraft {
        var draft = draft
        let usage = assembler.usage ?? assembler.estimatedUsage(prompt: request.messages)
        let cost = CostCalculator.cost(of: usage, for: deployment)
        draft.trace.latencyMs = draft.elapsedMs
        draft.trace.output = assembler.message.json
        draft.trace.usage = usage
        draft.trace.costUSD = cost
        if assembler.usage == nil { draft.trace.metadata["usage_estimated"] = true }
        if !draft.trace.generations.isEmpty {
            draft.trace.generations[0].finishReason = assembler.finishReason
            draft.trace.generations[0].usage = usage
            draft.trace.generations[0].costUSD = cost
            draft.trace.generations[0].latencyMs = draft.trace.latencyMs
            draft.trace.generations[0].ttftMs = draft.trace.ttftMs
            if let model = assembler.model, !model.isEmpty { draft.trace.generations[0].resolvedModel = model }
        }
        return draft
    }
}
