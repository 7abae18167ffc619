import OpsCore

/// Reads an upstream's error body (OpenAI's or Anthropic's shape) into an `OpsError` that keeps
/// the upstream status, so 4xx reach the client with the upstream's own message.
public enum UpstreamErrorReader {
    /// - Parameter retryAfter: the upstream's `Retry-After` header, kept so retries can honour it.
    /// - Parameter redacting: the provider key the call was made with: an upstream that echoes it in
    ///   its message (some name the key they refused) must not hand it to the gateway's client or log.
    public static func error(status: Int, body: [UInt8], provider: String, retryAfter: String? = nil,
                             redacting secret: String? = nil) -> OpsError {
        let json = try? JSONParser.parse(body)
        let errorObject = json?["error"]
        let message = errorObject?["message"]?.stringValue
            ?? errorObject?.stringValue
            ?? json?["message"]?.stringValue
            ?? String(decoding: body.prefix(500), as: UTF8.self)
        let prefix = status >= 500 ? "upstream \(provider) failed with HTTP \(status): " : ""
        let shown = secret.map { $0.isEmpty ? message : message.replacingOccurrences(of: $0, with: "[redacted]") } ?? message
        return OpsError(.upstream(status: status), prefix + shown, param: errorObject?["param"]?.stringValue,
                        code: errorObject?["code"]?.stringValue, type: errorObject?["type"]?.stringValue,
                        headers: retryAfter.map { ["retry-after": $0] } ?? [:])
    }
}
