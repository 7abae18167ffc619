/// What the mock upstream does with the next request.
public indirect enum MockBehavior: Sendable {
    /// Answers at once with "echo: <last user message>" (streamed word by word when asked to stream).
    case echo
    /// Answers at once with this text.
    case reply(String)
    /// Answers with a tool call.
    case toolCall(name: String, arguments: String)
    /// Answers with an error status and an OpenAI-shaped (or Anthropic-shaped) error body.
    case status(Int, message: String, retryAfter: Int? = nil)
    /// Waits before doing `then` (a wait longer than the client's timeout is a hang before headers).
    case delay(ms: Int, then: MockBehavior)
    /// Streams `then`'s words with this pause between chunks.
    case slowStream(chunkDelayMs: Int, then: MockBehavior)
    /// Streams `chunks` chunks, then stalls for `ms` (writing SSE comments so a disconnect is noticed).
    case hangMidStream(afterChunks: Int, ms: Int)
    /// Answers 200 with a body that is not JSON.
    case malformedJSON
    /// Streams some chunks, then breaks the stream with an error event.
    case streamError(afterChunks: Int, message: String)
    /// Sends the status line, headers and a few bytes, then closes the connection mid-body: what a
    /// client sees when the upstream's connection is reset.
    case dropConnection
    /// `then` with the given probability, else `otherwise`: a flaky upstream for load tests.
    case sometimes(probability: Double, then: MockBehavior, otherwise: MockBehavior)
}
