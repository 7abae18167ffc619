import Foundation

extension PromptVersion {
    /// A strong ETag over the version's content (name, number, body, config, author, message, time):
    /// the same whether the version is fetched by label, number or as the newest, and different
    /// as soon as a label points elsewhere, so an application caches and revalidates cheaply.
    public var etag: String {
        "\"" + String(SHA256Digest.hex(DatasetItem.canonical(json).serialized()).prefix(32)) + "\""
    }

    /// Whether an `If-None-Match` header value names this version: `*`, or a list of tags, weak
    /// (`W/"…"`) or strong, one of which is ours.
    public func matches(ifNoneMatch header: String) -> Bool {
        let tag = etag
        return header.split(separator: ",").contains { part in
            var candidate = part.trimmingCharacters(in: .whitespaces)
            if candidate == "*" { return true }
            if candidate.hasPrefix("W/") { candidate.removeFirst(2) }
            return candidate == tag
        }
    }
}
