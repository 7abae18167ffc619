import OpsCore

/// Reads a stream's first chunk eagerly, so a failure before it can still fall back, then hands
/// on a stream that replays that chunk followed by the rest.
enum PrimedStream {
    static func prime(_ stream: AsyncThrowingStream<ChatChunk, Error>) async throws -> AsyncThrowingStream<ChatChunk, Error> {
        let box = IteratorBox(stream.makeAsyncIterator())
        box.pending = try await box.iterator.next()
        return AsyncThrowingStream(unfolding: { try await box.next() })
    }

    // The iterator is used by one consumer at a time (the primer, then the response writer),
    // never concurrently, which is what makes the unchecked Sendable sound.
    private final class IteratorBox: @unchecked Sendable {
        var iterator: AsyncThrowingStream<ChatChunk, Error>.AsyncIterator
        var pending: ChatChunk?
        var primed = true

        init(_ iterator: AsyncThrowingStream<ChatChunk, Error>.AsyncIterator) { self.iterator = iterator }

        func next() async throws -> ChatChunk? {
            if primed {
                primed = false
                if let chunk = pending { pending = nil; return chunk }
                return nil
            }
            return try await iterator.next()
        }
    }
}
