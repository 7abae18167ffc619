/// Where datasets and their immutable versions are kept. Creating a version with the same content
/// as an existing one returns that version instead of a duplicate.
public protocol DatasetStore: Sendable {
    /// Stores `items` as a version of `dataset` (creating the dataset) and returns it.
    func createVersion(dataset: String, items: [DatasetItem], author: String, message: String) async throws -> DatasetVersion

    /// The version of `dataset` whose hash is `hash` or starts with it (at least 6 hex digits), or nil.
    /// A prefix that matches several versions is an `invalidRequest`.
    func version(dataset: String, hash: String) async throws -> DatasetVersion?

    /// The newest version of `dataset`, or nil when it does not exist.
    func latestVersion(dataset: String) async throws -> DatasetVersion?

    /// The versions of `dataset`, oldest first, without their items.
    func versions(dataset: String) async throws -> [DatasetVersionSummary]

    /// Every dataset name, sorted.
    func datasets() async throws -> [String]
}

extension DatasetStore {
    /// `NAME` (the newest version) or `NAME@HASH` (a full hash or a prefix); missing ones are `notFound`.
    public func resolve(_ reference: String) async throws -> DatasetVersion {
        let parts = reference.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard let name = parts.first, !name.isEmpty, parts.count == 1 || !parts[1].isEmpty else {
            throw OpsError.invalid("'\(reference)' is not a dataset reference; write NAME or NAME@HASH", param: "dataset")
        }
        let found = parts.count == 2 ? try await version(dataset: name, hash: parts[1])
                                     : try await latestVersion(dataset: name)
        guard let found else {
            throw OpsError(.notFound, "No dataset version '\(reference)'", param: "dataset", code: "dataset_not_found")
        }
        return found
    }
}
