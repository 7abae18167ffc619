import Hummingbird
import OpsCore

/// Request bodies read as UTF-8 text (dataset files) within a size limit.
enum RequestText {
    /// The body as text: 413 past `limit`, 400 when empty or not UTF-8.
    static func read(_ request: Request, limit: Int) async throws -> String {
        let buffer = try await LimitedRequestBody.collect(request, limit: limit)
        guard buffer.readableBytes > 0 else { throw OpsError.invalid("The request body is empty", code: "empty_body") }
        guard let text = String(validating: buffer.readableBytesView, as: UTF8.self) else {
            throw OpsError.invalid("The request body is not UTF-8 text", code: "invalid_encoding")
        }
        return text
    }
}
