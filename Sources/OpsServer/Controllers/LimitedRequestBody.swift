import Hummingbird
import NIOCore
import OpsCore

/// Request bodies collected within a size limit, for the API's JSON and text readers.
enum LimitedRequestBody {
    /// The whole body: 413 when `Content-Length` announces more than `limit` or more arrives.
    static func collect(_ request: Request, limit: Int) async throws -> ByteBuffer {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw OpsError(.payloadTooLarge, "Request body of \(length) bytes exceeds the limit of \(limit) bytes",
                           code: "payload_too_large")
        }
        do {
            return try await request.body.collect(upTo: limit)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw tooLarge(limit)
        } catch is NIOTooManyBytesError {
            throw tooLarge(limit)
        }
    }

    private static func tooLarge(_ limit: Int) -> OpsError {
        OpsError(.payloadTooLarge, "Request body exceeds the limit of \(limit) bytes", code: "payload_too_large")
    }
}
