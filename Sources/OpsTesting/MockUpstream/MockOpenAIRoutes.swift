import Foundation
import Hummingbird
import OpsCore

/// `/v1/chat/completions` and `/v1/embeddings` in OpenAI's shape.
struct MockOpenAIRoutes {
    let state: MockUpstreamState

    func register(on router: Router<BasicRequestContext>) {
        router.post("v1/chat/completions") { request, _ in try await chat(request) }
        router.post("v1/embeddings") { request, _ in try await embeddings(request) }
        router.get("v1/models") { _, _ in
            MockResponses.json(["object": "list", "data": [["id": "mock", "object": "model", "created": 0, "owned_by": "mock"]]])
        }
    }

    private func chat(_ request: Request) async throws -> Response {
        let body = try await MockResponses.readJSON(request)
        state.record(body)
        state.recordAuthorization(request.headers[.authorization])
        let prompt = body["messages"]?.arrayValue?.last(where: { $0["role"]?.stringValue == "user" })?["content"]?.stringValue ?? ""
        let (behavior, chunkDelayMs) = try await MockResponses.settle(state.next(for: prompt))
        let model = body["model"]?.stringValue ?? "mock"
        let promptTokens = MockResponses.tokenCount(body["messages"]?.serializedString() ?? "")
        switch behavior {
        case .status(let code, let message, let retryAfter):
            return MockResponses.error(code: code, message: message, retryAfter: retryAfter)
        case .malformedJSON:
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: "{\"id\": oops")))
        case .dropConnection:
            return MockResponses.droppedConnection()
        default: break
        }
        let text = MockResponses.text(for: behavior, prompt: prompt)
        if body["stream"]?.boolValue == true {
            let includeUsage = body["stream_options"]?["include_usage"]?.boolValue == true
            return MockOpenAIStream(state: state, model: model, text: text, behavior: behavior, chunkDelayMs: chunkDelayMs,
                                    usage: includeUsage ? Usage(promptTokens: promptTokens, completionTokens: MockResponses.tokenCount(text)) : nil)
                .response()
        }
        var message: JSONValue = ["role": "assistant", "content": .string(text)]
        var finish = "stop"
        if case .toolCall(let name, let arguments) = behavior {
            message = ["role": "assistant", "content": .null,
                       "tool_calls": [["id": "call_mock_1", "type": "function", "function": ["name": .string(name), "arguments": .string(arguments)]]]]
            finish = "tool_calls"
        }
        return MockResponses.json([
            "id": "chatcmpl-mock", "object": "chat.completion", "created": 1_700_000_000, "model": .string(model),
            "choices": [["index": 0, "message": message, "logprobs": .null, "finish_reason": .string(finish)]],
            "usage": Usage(promptTokens: promptTokens, completionTokens: MockResponses.tokenCount(text)).json,
        ])
    }

    private func embeddings(_ request: Request) async throws -> Response {
        let body = try await MockResponses.readJSON(request)
        state.record(body)
        state.recordAuthorization(request.headers[.authorization])
        let (behavior, _) = try await MockResponses.settle(state.next())
        if case .status(let code, let message, let retryAfter) = behavior {
            return MockResponses.error(code: code, message: message, retryAfter: retryAfter)
        }
        let inputs = body["input"]?.arrayValue?.compactMap(\.stringValue) ?? [body["input"]?.stringValue ?? ""]
        let data: [JSONValue] = inputs.enumerated().map { i, text in
            ["object": "embedding", "index": .int(Int64(i)), "embedding": .array(MockResponses.vector(for: text).map { .double(Double($0)) })]
        }
        let tokens = inputs.reduce(0) { $0 + MockResponses.tokenCount($1) }
        return MockResponses.json(["object": "list", "data": .array(data), "model": .string(body["model"]?.stringValue ?? "mock"),
                                   "usage": ["prompt_tokens": .int(Int64(tokens)), "total_tokens": .int(Int64(tokens))]])
    }
}
