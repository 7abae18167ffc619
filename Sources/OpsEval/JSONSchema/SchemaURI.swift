import Foundation

/// The slice of RFC 3986 reference resolution that `$id` and `$ref` need inside one document.
enum SchemaURI {
    /// `reference` resolved against `base`.
    static func resolve(_ reference: String, against base: String) -> String {
        if hasScheme(reference) { return removeDotSegments(in: reference) }
        let baseNoFragment = stripFragment(base)
        if reference.isEmpty { return baseNoFragment }
        if reference.hasPrefix("#") { return baseNoFragment + reference }
        guard let colon = baseNoFragment.firstIndex(of: ":") else { return reference }
        let scheme = baseNoFragment[..<colon]
        let rest = baseNoFragment[baseNoFragment.index(after: colon)...]
        if reference.hasPrefix("//") { return "\(scheme):\(reference)" }
        var authority = ""
        var path = String(rest)
        if rest.hasPrefix("//") {
            let afterSlashes = rest.dropFirst(2)
            let end = afterSlashes.firstIndex(of: "/") ?? afterSlashes.endIndex
            authority = "//" + afterSlashes[..<end]
            path = String(afterSlashes[end...])
        }
        // A query on the base does not survive a relative path reference.
        if let q = path.firstIndex(of: "?") { path = String(path[..<q]) }
        if reference.hasPrefix("/") { return "\(scheme):\(authority)\(removeDotSegments(in: reference))" }
        let directory = path.lastIndex(of: "/").map { String(path[...$0]) } ?? (authority.isEmpty ? "" : "/")
        return "\(scheme):\(authority)\(removeDotSegments(in: directory + reference))"
    }

    /// The URI without its fragment.
    static func stripFragment(_ uri: String) -> String {
        uri.firstIndex(of: "#").map { String(uri[..<$0]) } ?? uri
    }

    /// The percent-decoded fragment, if any.
    static func fragment(_ uri: String) -> String? {
        guard let hash = uri.firstIndex(of: "#") else { return nil }
        let raw = String(uri[uri.index(after: hash)...])
        return raw.removingPercentEncoding ?? raw
    }

    private static func hasScheme(_ s: String) -> Bool {
        guard let colon = s.firstIndex(of: ":"), colon != s.startIndex else { return false }
        let scheme = s[..<colon]
        return scheme.first!.isLetter && scheme.allSatisfy { $0.isLetter || $0.isNumber || "+-.".contains($0) }
    }

    private static func removeDotSegments(in uri: String) -> String {
        guard uri.contains("/.") else { return uri }
        let (head, fragment) = uri.firstIndex(of: "#").map { (String(uri[..<$0]), String(uri[$0...])) } ?? (uri, "")
        var out: [Substring] = []
        for segment in head.split(separator: "/", omittingEmptySubsequences: false) {
            if segment == "." { continue }
            if segment == ".." { if out.count > 1 { out.removeLast() }; continue }
            out.append(segment)
        }
        return out.joined(separator: "/") + fragment
    }
}
