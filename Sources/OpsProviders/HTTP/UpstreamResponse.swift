import NIOCore
import NIOHTTP1

/// A whole upstream answer: status, headers and the body in one buffer.
public struct UpstreamResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: ByteBuffer

    public init(status: Int, headers: HTTPHeaders, body: ByteBuffer) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public var isSuccess: Bool { (200..<300).contains(status) }
    /// The upstream's `Retry-After`, kept so retries can honour it.
    public var retryAfter: String? { headers.first(name: "retry-after") }
    public var bodyBytes: [UInt8] { Array(body.readableBytesView) }
}
