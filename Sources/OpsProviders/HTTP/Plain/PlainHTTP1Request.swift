import NIOCore
import NIOHTTP1

/// A POST ready to write: the head and the whole body, built once.
struct PlainHTTP1Request: Sendable {
    var head: HTTPRequestHead
    var body: ByteBuffer

    init(url: UpstreamURL, headers: [(String, String)], body: ByteBuffer) {
        var fields = HTTPHeaders()
        fields.reserveCapacity(headers.count + 4)
        fields.add(name: "host", value: url.hostHeader)
        fields.add(name: "content-type", value: "application/json")
        fields.add(name: "accept", value: "application/json, text/event-stream")
        fields.add(name: "content-length", value: String(body.readableBytes))
        for (name, value) in headers { fields.add(name: name, value: value) }
        head = HTTPRequestHead(version: .http1_1, method: .POST, uri: url.target, headers: fields)
        self.body = body
    }
}
