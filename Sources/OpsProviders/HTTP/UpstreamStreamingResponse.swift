import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// An upstream answer whose body is read as it arrives (server-sent events).
public struct UpstreamStreamingResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: UpstreamBody

    public var isSuccess: Bool { (200..<300).contains(status) }
    public var retryAfter: String? { headers.first(name: "retry-after") }
}

/// The body of a streamed answer, from `PlainHTTP1Client` or AsyncHTTPClient. Dropping the
/// iterator before the end closes the upstream connection.
public struct UpstreamBody: AsyncSequence, Sendable {
    public typealias Element = ByteBuffer

    enum Source: Sendable {
        case plain(AsyncThrowingStream<ByteBuffer, any Error>)
        case pooled(HTTPClientResponse.Body)
    }

    let source: Source

    public struct AsyncIterator: AsyncIteratorProtocol {
        enum Inner {
            case plain(AsyncThrowingStream<ByteBuffer, any Error>.AsyncIterator)
            case pooled(HTTPClientResponse.Body.AsyncIterator)
        }

        var inner: Inner

        public mutating func next() async throws -> ByteBuffer? {
            switch inner {
            case .plain(var iterator):
                defer { inner = .plain(iterator) }
                return try await iterator.next()
            case .pooled(var iterator):
                defer { inner = .pooled(iterator) }
                return try await iterator.next()
            }
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        switch source {
        case .plain(let stream): AsyncIterator(inner: .plain(stream.makeAsyncIterator()))
        case .pooled(let body): AsyncIterator(inner: .pooled(body.makeAsyncIterator()))
        }
    }

    /// Reads the rest of the body, bounded by `limit` bytes (for error bodies).
    public func collect(upTo limit: Int) async throws -> ByteBuffer {
        var collected = ByteBuffer()
        for try await var part in self {
            guard collected.readableBytes + part.readableBytes <= limit else { throw NIOTooManyBytesError(maxBytes: limit) }
            collected.writeBuffer(&part)
        }
        return collected
    }
}
