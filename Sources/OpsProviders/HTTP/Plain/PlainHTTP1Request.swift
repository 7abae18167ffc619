import NIOCore
import NIOHTTP1

/// A request ready to write: the head and the whole body, built once. A POST of JSON unless told
/// otherwise; a request without a body (a GET) sends no content headers.
struct PlainHTTP1Request: Sendable {
    var head: HTTPRequestHead
    var body: ByteBuffer?

    init(url: UpstreamURL, method: HTTPMethod = .POST, headers: [(String, String)], body: ByteBuffer?,
         contentType: String = "application/json") {
        var fields = HTTPHeaders()
        fields.reserveCapacity(headers.count + 4)
        fields.add(name: "host", value: url.hostHeader)
        if let body {
            fields.add(name: "content-type", value: contentType)
            fields.add(name: "content-length", value: String(body.readableBytes))
        }
        fields.add(name: "accept", value: "application/json, text/event-stream")
        for (name, value) in headers { fields.add(name: name, value: value) }
        head = HTTPRequestHead(version: .http1_1, method: method, uri: url.target, headers: fields)
        self.body = body
    }
}
