import OpsCore

/// Reads an upstream's error body (OpenAI's or Anthropic's shape) into an `OpsError` that keeps
/// the upstream status, so 4xx reach the client with the upstream's own message.
public enum UpstreamErrorReader {
    /// - Parameter retryAfter: the upstream's `Retry-After` header, kept so retries can honour it.
    public static func error(status: Int, body: [UInt8], provider: String, retryAfter: String? = nil) -> OpsError {
        let json = try? JSONParser.parse(body)
        let errorObject = json?["error"]
        let message = errorObject?["message"]?.stringValue
            ?? errorObject?.stringValue
            ?? json?["message"]?.stringValue
            ?? String(decoding: body.prefix(500), as: UTF8.self)
        let prefix = status >= 500 ? "upstream \(provider) failed with HTTP \(status): " : ""
        return OpsError(.upstream(status: status), prefix + message, param: errorObject?["param"]?.stringValue,
                        code: errorObject?["code"]?.stringValue, type: errorObject?["type"]?.stringValue,
                        headers: retryAfter.map { ["retry-after": $0] } ?? [:])
    }
}
