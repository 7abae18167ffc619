/// The parts of a `postgres://user:password@host:port/database?schema=NAME&sslmode=MODE` URL.
///
/// Parsed by hand rather than with `URLComponents` so a mistake is reported by name
/// ("the port 'abc' is not a number") instead of as an invalid URL.
public struct PostgresURL: Sendable, Equatable, CustomStringConvertible {
    /// How to use TLS, as libpq's `sslmode`: `disable`; `prefer` (the default) and `require`
    /// encrypt without checking the certificate, as libpq does; `verify-full` also checks it.
    public enum TLSMode: String, Sendable, Equatable {
        case disable, prefer, require
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    /// When set, the store works in this schema (created by `migrate()` if missing), so several
    /// installations or test runs can share one database.
    public var schema: String?
    public var tls: TLSMode

    public init(_ text: String) throws {
        func bad(_ message: String) -> PostgresStoreError {
            PostgresStoreError(.invalidURL, "invalid storage URL \(PostgresURL.redacted(text)): \(message)")
        }
        guard let schemeEnd = text.range(of: "://") else {
            throw bad("expected postgres://user:password@host:port/database")
        }
        let scheme = String(text[..<schemeEnd.lowerBound]).lowercased()
        guard scheme == "postgres" || scheme == "postgresql" else {
            throw bad("the scheme '\(scheme)' is not postgres or postgresql")
        }
        var rest = Substring(text[schemeEnd.upperBound...])
        var queryItems: [(String, String)] = []
        if let question = rest.firstIndex(of: "?") {
            for pair in rest[rest.index(after: question)...].split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                queryItems.append((String(parts[0]), parts.count > 1 ? Self.decode(parts[1]) : ""))
            }
            rest = rest[..<question]
        }
        guard let at = rest.lastIndex(of: "@") else { throw bad("the user name is missing (user:password@host)") }
        let userInfo = rest[..<at]
        var location = rest[rest.index(after: at)...]
        let userParts = userInfo.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        username = Self.decode(userParts[0])
        password = userParts.count > 1 ? Self.decode(userParts[1]) : nil
        guard !username.isEmpty else { throw bad("the user name is empty") }

        guard let slash = location.firstIndex(of: "/") else { throw bad("the database name is missing (…/database)") }
        database = Self.decode(location[location.index(after: slash)...])
        guard !database.isEmpty else { throw bad("the database name is empty") }
        location = location[..<slash]

        var hostPart = location
        var portPart: Substring?
        if location.hasPrefix("[") {
            guard let close = location.firstIndex(of: "]") else { throw bad("the IPv6 host lacks a closing ]") }
            hostPart = location[location.index(after: location.startIndex)..<close]
            let afterHost = location[location.index(after: close)...]
            if afterHost.hasPrefix(":") { portPart = afterHost.dropFirst() }
        } else if let colon = location.lastIndex(of: ":") {
            hostPart = location[..<colon]
            portPart = location[location.index(after: colon)...]
        }
        host = String(hostPart)
        guard !host.isEmpty else { throw bad("the host is missing") }
        if let portPart {
            guard let port = Int(portPart), (1...65535).contains(port) else {
                throw bad("the port '\(portPart)' is not a number between 1 and 65535")
            }
            self.port = port
        } else {
            port = 5432
        }

        schema = nil
        tls = .prefer
        for (name, value) in queryItems {
            switch name {
            case "schema":
                guard Self.isPlainIdentifier(value) else {
                    throw bad("the schema '\(value)' must be lower-case letters, digits and _, starting with a letter")
                }
                schema = value
            case "sslmode":
                guard let mode = TLSMode(rawValue: value) else {
                    throw bad("sslmode '\(value)' is not disable, prefer, require or verify-full")
                }
                tls = mode
            default:
                throw bad("unknown parameter '\(name)' (known: schema, sslmode)")
            }
        }
    }

    /// The URL again, with the password replaced by `***`.
    public var redactedDescription: String {
        let userInfo = username + (password == nil ? "" : ":***")
        let hostPart = host.contains(":") ? "[\(host)]" : host
        var query: [String] = []
        if let schema { query.append("schema=\(schema)") }
        if tls != .prefer { query.append("sslmode=\(tls.rawValue)") }
        return "postgres://\(userInfo)@\(hostPart):\(port)/\(database)" + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
    }

    /// The URL with the password replaced by `***`, for logs and error messages.
    public static func redacted(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "://"), let at = text.lastIndex(of: "@"), at > schemeEnd.upperBound,
              let colon = text[schemeEnd.upperBound..<at].firstIndex(of: ":")
        else { return text }
        return String(text[..<text.index(after: colon)]) + "***" + String(text[at...])
    }

    public var description: String { redactedDescription }

    static func isPlainIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first), name.count <= 63 else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    private static func decode(_ part: Substring) -> String {
        String(part).removingPercentEncodingIfPossible
    }
}

extension String {
    fileprivate var removingPercentEncodingIfPossible: String {
        guard contains("%") else { return self }
        var bytes: [UInt8] = []
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(),
               let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
