import OpsCore

/// An upstream endpoint parsed once: scheme, host, port and the request target. Only `http` URLs
/// are sent over `PlainHTTP1Client`; anything else goes through AsyncHTTPClient.
public struct UpstreamURL: Sendable, Hashable {
    /// The URL as configured, for error messages and AsyncHTTPClient.
    public let string: String
    /// True for `http://` (no TLS).
    public let isPlainHTTP: Bool
    public let host: String
    public let port: Int
    /// Path and query, starting with `/`.
    public let target: String
    /// The `Host` header: the host, with the port when it is not the scheme's default.
    public let hostHeader: String
    /// The pool key: one set of idle connections per host and port.
    public var connectionKey: String { "\(host):\(port)" }

    public init(_ string: String) {
        self.string = string
        let lower = string.lowercased()
        var rest = Substring(string)
        let defaultPort: Int
        if lower.hasPrefix("http://") {
            isPlainHTTP = true
            defaultPort = 80
            rest = rest.dropFirst("http://".count)
        } else {
            isPlainHTTP = false
            defaultPort = 443
            if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        }
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        let pathPart = rest[authorityEnd...]
        target = pathPart.isEmpty ? "/" : (pathPart.first == "?" ? "/" + pathPart : String(pathPart))
        var parsedHost = authority
        var parsedPort = defaultPort
        if authority.first == "[", let close = authority.firstIndex(of: "]") {
            // IPv6 literal: [::1]:8080
            parsedHost = authority[authority.index(after: authority.startIndex)..<close]
            let afterClose = authority[authority.index(after: close)...]
            if afterClose.first == ":", let p = Int(afterClose.dropFirst()) { parsedPort = p }
        } else if let colon = authority.lastIndex(of: ":") {
            parsedHost = authority[..<colon]
            if let p = Int(authority[authority.index(after: colon)...]) { parsedPort = p }
        }
        host = String(parsedHost)
        port = parsedPort
        let hostForHeader = host.contains(":") ? "[\(host)]" : host
        hostHeader = parsedPort == defaultPort ? hostForHeader : "\(hostForHeader):\(parsedPort)"
    }
}
