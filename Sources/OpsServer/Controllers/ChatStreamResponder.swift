import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import OpsCore
import OpsGateway
import OpsProviders

/// Relays a streamed completion chunk by chunk as server-sent events while assembling the trace.
/// The final `[DONE]` goes out after the trace is recorded, so in strict mode a client that saw
/// `[DONE]` has its trace stored. A failure after the first chunk ends the stream with an error
/// event; a client that leaves cancels the upstream call.
struct ChatStreamResponder {
    let services: GatewayServices
    let draft: TraceDraft
    let request: ChatRequest
    let deployment: ModelDeployment
    let admission: LimitEnforcer.Admission
    /// Where the assembled answer goes once the stream ended well.
    let cacheFill: ChatRouter.CacheFill
    /// A cached answer replayed: it costs nothing and has no generation.
    var fromCache = false
    /// The whole call, first chunk to last, must end within this (the deployment's or route's `total_ms`).
    var totalLimit: Duration = .seconds(600)

    /// How the relay ended.
    enum Outcome {
        case completed
        case clientGone
        case failed(any Error)
    }

    func response(streaming upstream: AsyncThrowingStream<ChatChunk, Error>, headers extra: HTTPFields) -> Response {
        var headers = extra
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-cache"
        let responder = self
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            var assembler = StreamAssembler()
            var draft = responder.draft
            let outcome = await responder.relay(StreamRelay(upstream), to: &writer, assembler: &assembler, draft: &draft)
            try await responder.finish(outcome, assembler: assembler, draft: draft, writer: &writer)
        })
    }

    private func relay(_ relay: StreamRelay, to writer: inout any ResponseBodyWriter,
                       assembler: inout StreamAssembler, draft: inout TraceDraft) async -> Outcome {
        let deadline = draft.started + totalLimit
        do {
            for try await event in relay.events {
                if ContinuousClock.now > deadline {
                    return .failed(OpsError(.upstreamTimeout,
                                            "The stream from '\(deployment.name)' exceeded its total time of \(Int(totalLimit.milliseconds)) ms",
                                            code: "upstream_timeout"))
                }
                guard case .chunk(let chunk) = event else {
                    do { try await writer.write(ByteBuffer(bytes: StreamRelay.keepAlive)) } catch { return .clientGone }
                    continue
                }
                if draft.trace.ttftMs == nil, chunk.choices.contains(where: { $0.delta.content != nil || $0.delta.toolCalls != nil }) {
                    draft.trace.ttftMs = draft.elapsedMs
                }
                assembler.add(chunk)
                // The upstream is always asked for usage; pass it on only when the client asked too.
                if chunk.choices.isEmpty, chunk.usage != nil, !request.includeUsageInStream { continue }
                var outgoing = chunk
                if !request.includeUsageInStream { outgoing.usage = nil }
                do {
                    try await writer.write(ByteBuffer(bytes: SSEEncoder.data(outgoing.json)))
                } catch {
                    return .clientGone
                }
            }
            return .completed
        } catch {
            return .failed(error)
        }
    }

    private func finish(_ outcome: Outcome, assembler: StreamAssembler, draft: TraceDraft,
                        writer: inout any ResponseBodyWriter) async throws {
        var draft = Self.completed(draft, assembler, request, deployment)
        if fromCache { draft.trace.costUSD = 0 }
        switch outcome {
        case .completed:
            await services.limits.settle(admission, usage: draft.trace.usage, costUSD: draft.trace.costUSD)
            if cacheFill.isActive, assembler.finishReason != nil {
                services.routing.router.store(assembler.response(request: request), for: cacheFill)
            }
            let stored = await services.finish(draft.trace)
            if !stored && services.recorder.durability == .strict {
                let e = OpsError(.unavailable, "The answer could not be recorded: the trace store is failing", code: "trace_store_unavailable")
                try await writer.write(ByteBuffer(bytes: SSEEncoder.data(HTTPErrorMapping.body(for: e))))
            }
            try await writer.write(ByteBuffer(bytes: SSEEncoder.done))
            try await writer.finish(nil)
        case .clientGone:
            await services.limits.settle(admission, usage: draft.trace.usage, costUSD: draft.trace.costUSD)
            draft.fail(OpsError(.invalidRequest, "The client disconnected mid-stream; the upstream call was cancelled",
                                code: "client_disconnected"))
            draft.trace.httpStatus = 499
            await services.finish(draft.trace)
        case .failed(let error):
            await services.limits.settle(admission, usage: draft.trace.usage, costUSD: draft.trace.costUSD)
            draft.fail(error)
            draft.trace.error = "stream failed after \(assembler.chunkCount) chunks: \(draft.trace.error ?? "")"
            await services.finish(draft.trace)
            let e = HTTPErrorMapping.opsError(from: error)
            try? await writer.write(ByteBuffer(bytes: SSEEncoder.data(HTTPErrorMapping.body(for: e))))
            try? await writer.finish(nil)
        }
    }

    private static func completed(_ draft: TraceDraft, _ assembler: StreamAssembler, _ request: ChatRequest,
                                  _ deployment: ModelDeployment) -> TraceDraft {
        var draft = draft
        let usage = assembler.usage ?? assembler.estimatedUsage(prompt: request.messages)
        let cost = CostCalculator.cost(of: usage, for: deployment)
        draft.trace.latencyMs = draft.elapsedMs
        draft.trace.output = assembler.message.json
        draft.trace.usage = usage
        draft.trace.costUSD = cost
        if assembler.usage == nil { draft.trace.metadata["usage_estimated"] = true }
        if let last = draft.trace.generations.indices.last {
            draft.trace.generations[last].finishReason = assembler.finishReason
            draft.trace.generations[last].usage = usage
            draft.trace.generations[last].costUSD = cost
            draft.trace.generations[last].latencyMs = draft.trace.latencyMs
            draft.trace.generations[last].ttftMs = draft.trace.ttftMs
            if let model = assembler.model, !model.isEmpty { draft.trace.generations[last].resolvedModel = model }
        }
        return draft
    }
}
