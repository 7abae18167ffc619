import Foundation

/// An immutable version of a dataset, identified by the SHA-256 of its content: the same items in
/// the same order always give the same id, so an experiment names exactly what it ran on.
public struct DatasetVersion: Sendable, Hashable {
    public var dataset: String
    /// 64 hex digits: `DatasetVersion.contentHash(of: items)`.
    public var hash: String
    public var items: [DatasetItem]
    public var createdAt: Date
    public var author: String
    /// Why this version was made ("imported from qa.csv", "added 3 items from traces").
    public var message: String

    public init(dataset: String, items: [DatasetItem], createdAt: Date, author: String, message: String = "") {
        self.dataset = dataset
        self.hash = Self.contentHash(of: items)
        self.items = items
        self.createdAt = createdAt
        self.author = author
        self.message = message
    }

    /// The first 12 hex digits, enough to name a version on a command line (`qa@3f2a9c01b7de`).
    public var shortHash: String { String(hash.prefix(12)) }

    /// SHA-256 over the canonical JSON array of the items, in order: `[item0,item1,…]` with keys sorted.
    public static func contentHash(of items: [DatasetItem]) -> String {
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        for (i, item) in items.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: item.canonicalJSON)
        }
        bytes.append(UInt8(ascii: "]"))
        return SHA256Digest.hex(bytes)
    }

    /// Whether `text` names this version: its full hash or a prefix of at least 6 hex digits.
    public func matches(_ text: String) -> Bool {
        text.count >= 6 && hash.hasPrefix(text.lowercased())
    }

    /// The error for a prefix that names more than one version.
    public static func ambiguousPrefix(_ prefix: String, dataset: String, count: Int) -> OpsError {
        .invalid("'\(prefix)' matches \(count) versions of '\(dataset)'; give more digits", param: "dataset",
                 code: "ambiguous_version")
    }

    /// The items as JSONL, one item per line: what `llmops dataset export` writes.
    public var jsonl: String {
        items.map { $0.json.serializedString() + "\n" }.joined()
    }
}

/// A dataset version without its items, for listings.
public struct DatasetVersionSummary: Sendable, Hashable {
    public var dataset: String
    public var hash: String
    public var itemCount: Int
    public var createdAt: Date
    public var author: String
    public var message: String

    public init(dataset: String, hash: String, itemCount: Int, createdAt: Date, author: String, message: String) {
        self.dataset = dataset
        self.hash = hash
        self.itemCount = itemCount
        self.createdAt = createdAt
        self.author = author
        self.message = message
    }

    public init(_ version: DatasetVersion) {
        dataset = version.dataset
        hash = version.hash
        itemCount = version.items.count
        createdAt = version.createdAt
        author = version.author
        message = version.message
    }
}
