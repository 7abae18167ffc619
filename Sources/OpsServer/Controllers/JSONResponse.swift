import Hummingbird
import NIOCore
import OpsCore

/// Responses with a JSON body, and request bodies read as JSON within the size limit.
enum JSONResponse {
    static func make(_ json: JSONValue, status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: json.serialized())))
    }

    /// Reads the body (413 past `limit`) and parses it (400 naming the position when malformed).
    static func readBody(_ request: Request, limit: Int) async throws -> JSONValue {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw OpsError(.payloadTooLarge, "Request body of \(length) bytes exceeds the limit of \(limit) bytes",
                           code: "payload_too_large")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw OpsError(.payloadTooLarge, "Request body exceeds the limit of \(limit) bytes", code: "payload_too_large")
        } catch let error as NIOTooManyBytesError {
            _ = error
            throw OpsError(.payloadTooLarge, "Request body exceeds the limit of \(limit) bytes", code: "payload_too_large")
        }
        guard buffer.readableBytes > 0 else { throw OpsError.invalid("The request body is empty; send a JSON object", code: "invalid_json") }
        do {
            return try JSONParser.parse(buffer.readableBytesView)
        } catch {
            throw OpsError.invalid("Malformed JSON body: \(error)", code: "invalid_json")
        }
    }
}
