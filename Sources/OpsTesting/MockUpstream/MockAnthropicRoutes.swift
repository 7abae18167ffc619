import Foundation
import Hummingbird
import OpsCore

/// `/v1/messages` in Anthropic's shape, plain and streamed.
struct MockAnthropicRoutes {
    let state: MockUpstreamState

    func register(on router: Router<BasicRequestContext>) {
        router.post("v1/messages") { request, _ in try await messages(request) }
    }

    private func messages(_ request: Request) async throws -> Response {
        let body = try await MockResponses.readJSON(request)
        state.record(body)
        let (behavior, chunkDelayMs) = try await MockResponses.settle(state.next())
        if case .status(let code, let message, let retryAfter) = behavior {
            var response = MockResponses.json(["type": "error", "error": ["type": code < 500 ? "invalid_request_error" : "api_error",
                                                                          "message": .string(message)]],
                                              status: HTTPResponse.Status(code: code))
            if let retryAfter { response.headers[.retryAfter] = String(retryAfter) }
            return response
        }
        let model = body["model"]?.stringValue ?? "claude-mock"
        let lastUser = body["messages"]?.arrayValue?.last(where: { $0["role"]?.stringValue == "user" })
        let prompt = lastUser?["content"]?.stringValue
            ?? lastUser?["content"]?.arrayValue?.compactMap { $0["text"]?.stringValue }.joined(separator: " ") ?? ""
        let text = MockResponses.text(for: behavior, prompt: prompt)
        let inputTokens = MockResponses.tokenCount(body["messages"]?.serializedString() ?? "")
        let outputTokens = MockResponses.tokenCount(text)
        if body["stream"]?.boolValue == true {
            return stream(model: model, text: text, input: inputTokens, output: outputTokens, delayMs: chunkDelayMs)
        }
        return MockResponses.json([
            "id": "msg_mock", "type": "message", "role": "assistant", "model": .string(model),
            "content": [["type": "text", "text": .string(text)]], "stop_reason": "end_turn", "stop_sequence": .null,
            "usage": ["input_tokens": .int(Int64(inputTokens)), "output_tokens": .int(Int64(outputTokens))],
        ])
    }

    private func stream(model: String, text: String, input: Int, output: Int, delayMs: Int) -> Response {
        let state = self.state
        return Response(status: .ok, headers: [.contentType: "text/event-stream"], body: ResponseBody { writer in
            func event(_ name: String, _ json: JSONValue) -> ByteBuffer {
                ByteBuffer(string: "event: \(name)\ndata: \(json.serializedString())\n\n")
            }
            do {
                try await writer.write(event("message_start", ["type": "message_start", "message": [
                    "id": "msg_mock", "type": "message", "role": "assistant", "model": .string(model), "content": [],
                    "stop_reason": .null, "usage": ["input_tokens": .int(Int64(input)), "output_tokens": 1]]]))
                try await writer.write(event("content_block_start", ["type": "content_block_start", "index": 0,
                                                                     "content_block": ["type": "text", "text": ""]]))
                try await writer.write(event("ping", ["type": "ping"]))
                for piece in MockResponses.pieces(text) {
                    if delayMs > 0 { try await Task.sleep(nanoseconds: UInt64(delayMs) * 1_000_000) }
                    try await writer.write(event("content_block_delta", ["type": "content_block_delta", "index": 0,
                                                                         "delta": ["type": "text_delta", "text": .string(piece)]]))
                }
                try await writer.write(event("content_block_stop", ["type": "content_block_stop", "index": 0]))
                try await writer.write(event("message_delta", ["type": "message_delta",
                                                               "delta": ["stop_reason": "end_turn", "stop_sequence": .null],
                                                               "usage": ["output_tokens": .int(Int64(output))]]))
                try await writer.write(event("message_stop", ["type": "message_stop"]))
                try await writer.finish(nil)
                state.streamCompleted()
            } catch {
                state.streamDisconnected()
                throw error
            }
        })
    }
}
