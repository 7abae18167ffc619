import HTTPTypes
import Hummingbird
import NIOCore
import OpsCore

/// Responses with a JSON body, and request bodies read as JSON within the size limit.
enum JSONResponse {
    static func make(_ json: JSONValue, status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) -> Response {
        make(body: json.serialized(), status: status, headers: extra)
    }

    /// A JSON body already serialized.
    static func make(body: [UInt8], status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// A JSON body already serialized, with `headers` that hold no content type: it is appended
    /// rather than looked for among them (a chat answer carries a dozen headers, and setting one
    /// by name compares it with every other).
    static func make(body: [UInt8], appendingContentTypeTo headers: HTTPFields) -> Response {
        var headers = headers
        headers.append(HTTPField(name: .contentType, value: "application/json"))
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// Reads the body (413 past `limit`) and parses it (400 naming the position when malformed).
    static func readBody(_ request: Request, limit: Int) async throws -> JSONValue {
        let buffer = try await LimitedRequestBody.collect(request, limit: limit)
        guard buffer.readableBytes > 0 else { throw OpsError.invalid("The request body is empty; send a JSON object", code: "invalid_json") }
        do {
            return try JSONParser.parse(buffer.readableBytesView)
        } catch {
            throw OpsError.invalid("Malformed JSON body: \(error)", code: "invalid_json")
        }
    }
}
