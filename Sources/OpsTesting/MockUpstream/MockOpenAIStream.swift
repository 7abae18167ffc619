import Foundation
import Hummingbird
import OpsCore

/// An OpenAI-style SSE stream, word by word, with the scripted stalls and failures.
struct MockOpenAIStream {
    let state: MockUpstreamState
    let model: String
    let text: String
    let behavior: MockBehavior
    let chunkDelayMs: Int
    let usage: Usage?

    func response() -> Response {
        let state = self.state, model = self.model, text = self.text, behavior = self.behavior
        let delay = chunkDelayMs, usage = self.usage
        return Response(status: .ok, headers: [.contentType: "text/event-stream"], body: ResponseBody { writer in
            func chunk(_ delta: JSONValue, finish: String? = nil) -> ByteBuffer {
                let json: JSONValue = ["id": "chatcmpl-mock", "object": "chat.completion.chunk", "created": 1_700_000_000,
                                       "model": .string(model),
                                       "choices": [["index": 0, "delta": delta, "logprobs": .null,
                                                    "finish_reason": finish.map { .string($0) } ?? .null]]]
                return ByteBuffer(string: "data: " + json.serializedString() + "\n\n")
            }
            do {
                try await writer.write(chunk(["role": "assistant", "content": ""]))
                if case .toolCall(let name, let arguments) = behavior {
                    try await writer.write(chunk(["tool_calls": [["index": 0, "id": "call_mock_1", "type": "function",
                                                                  "function": ["name": .string(name), "arguments": ""]]]]))
                    try await writer.write(chunk(["tool_calls": [["index": 0, "function": ["arguments": .string(arguments)]]]]))
                    try await writer.write(chunk([:], finish: "tool_calls"))
                } else {
                    for (i, piece) in MockResponses.pieces(text).enumerated() {
                        if case .hangMidStream(let after, let ms) = behavior, i == after {
                            // Comments keep writing so a client that left is noticed promptly.
                            for _ in 0..<max(1, ms / 20) {
                                try await Task.sleep(nanoseconds: 20_000_000)
                                try await writer.write(ByteBuffer(string: ": waiting\n\n"))
                            }
                        }
                        if case .streamError(let after, let message) = behavior, i == after {
                            try await writer.write(ByteBuffer(string: "data: {\"error\":{\"message\":\"\(message)\",\"type\":\"server_error\"}}\n\n"))
                            try await writer.finish(nil)
                            return
                        }
                        if delay > 0 { try await Task.sleep(nanoseconds: UInt64(delay) * 1_000_000) }
                        try await writer.write(chunk(["content": .string(piece)]))
                    }
                    try await writer.write(chunk([:], finish: "stop"))
                }
                if let usage {
                    let json: JSONValue = ["id": "chatcmpl-mock", "object": "chat.completion.chunk", "created": 1_700_000_000,
                                           "model": .string(model), "choices": [], "usage": usage.json]
                    try await writer.write(ByteBuffer(string: "data: " + json.serializedString() + "\n\n"))
                }
                try await writer.write(ByteBuffer(string: "data: [DONE]\n\n"))
                try await writer.finish(nil)
                state.streamCompleted()
            } catch {
                state.streamDisconnected()
                throw error
            }
        })
    }
}
