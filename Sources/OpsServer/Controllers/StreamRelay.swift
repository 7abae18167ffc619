import OpsCore

/// Carries upstream chunks to the client, with an SSE comment every second in between (clients
/// ignore comments). It keeps idle connections alive through proxies, and writing it is how a client
/// that left is noticed while the upstream is quiet: the failed write ends the relay, and ending the
/// relay cancels the upstream read.
struct StreamRelay: Sendable {
    enum Event: Sendable {
        case chunk(ChatChunk)
        case heartbeat
    }

    static let keepAlive: [UInt8] = Array(": keep-alive\n\n".utf8)
    static let heartbeatInterval: Duration = .seconds(1)

    let events: AsyncThrowingStream<Event, Error>

    init(_ upstream: AsyncThrowingStream<ChatChunk, Error>) {
        let (events, continuation) = AsyncThrowingStream<Event, Error>.makeStream()
        let pump = Task {
            do {
                for try await chunk in upstream { continuation.yield(.chunk(chunk)) }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        let heartbeat = Task {
            while !Task.isCancelled {
                try await Task.sleep(for: Self.heartbeatInterval)
                continuation.yield(.heartbeat)
            }
        }
        continuation.onTermination = { _ in
            pump.cancel()
            heartbeat.cancel()
        }
        self.events = events
    }
}
