import NIOCore
import OpsCore

/// Turns an OpenAI-style SSE body into chunks as bytes arrive; nothing is buffered beyond an event.
enum OpenAIStreamReader {
    static func chunks(from body: UpstreamBody, url: String) -> AsyncThrowingStream<ChatChunk, Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                var decoder = SSEDecoder()
                do {
                    for try await buffer in body {
                        for event in decoder.feed(buffer.readableBytesView) {
                            if try handle(event, continuation) { continuation.finish(); return }
                        }
                    }
                    if let event = decoder.finish(), try handle(event, continuation) { continuation.finish(); return }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: UpstreamClient.transportError(error, url: url))
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// Yields the chunk an event carries; returns true at `[DONE]`.
    private static func handle(_ event: SSEEvent, _ continuation: AsyncThrowingStream<ChatChunk, Error>.Continuation) throws -> Bool {
        if event.data == "[DONE]" { return true }
        let json: JSONValue
        do { json = try JSONParser.parse(event.data) } catch {
            throw OpsError(.upstreamUnavailable, "upstream sent a malformed stream event: \(error)", code: "upstream_malformed")
        }
        if let error = json["error"], !error.isNull {
            throw OpsError(.upstreamUnavailable, "upstream stream error: \(error["message"]?.stringValue ?? error.serializedString())")
        }
        continuation.yield(try ChatChunk(json: json))
        return false
    }
}
