import AsyncHTTPClient
import NIOCore
import OpsCore

/// Feeds an Anthropic SSE body through `AnthropicStreamTranslator` as bytes arrive; nothing is
/// buffered beyond the event being read.
enum AnthropicStreamReader {
    static func chunks(from body: UpstreamBody, url: String,
                       translator: AnthropicStreamTranslator) -> AsyncThrowingStream<ChatChunk, Error> {
        chunks(from: body.map { Array($0.readableBytesView) }, url: url, translator: translator)
    }

    /// The same over any byte-chunk sequence, so the reading loop is tested without a network.
    static func chunks<Body: AsyncSequence & Sendable>(
        from body: Body, url: String, translator: AnthropicStreamTranslator
    ) -> AsyncThrowingStream<ChatChunk, Error> where Body.Element == [UInt8] {
        AsyncThrowingStream { continuation in
            let task = Task {
                var decoder = SSEDecoder()
                var translator = translator
                do {
                    for try await bytes in body {
                        for event in decoder.feed(bytes) {
                            for chunk in try translator.translate(event) { continuation.yield(chunk) }
                        }
                        if translator.isComplete { break }
                    }
                    if let event = decoder.finish() {
                        for chunk in try translator.translate(event) { continuation.yield(chunk) }
                    }
                    guard translator.isComplete else {
                        throw OpsError(.upstreamUnavailable, "upstream anthropic stream ended before message_stop",
                                       code: "upstream_truncated")
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: UpstreamClient.transportError(error, url: url))
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
