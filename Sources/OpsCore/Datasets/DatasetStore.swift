/// Where datasets and their immutable versions are kept, per project. Creating a version with the
/// same content as an existing one returns that version instead of a duplicate.
public protocol DatasetStore: Sendable {
    /// Stores `items` as a version of `dataset` in `project` (creating the dataset) and returns it.
    func createVersion(project: String, dataset: String, items: [DatasetItem], author: String,
                       message: String) async throws -> DatasetVersion

    /// The version of `dataset` whose hash is `hash` or starts with it (at least 6 hex digits), or nil.
    /// A prefix that matches several versions, or is not hex, is an `invalidRequest`.
    func version(project: String, dataset: String, hash: String) async throws -> DatasetVersion?

    /// The newest version of `dataset`, or nil when it does not exist.
    func latestVersion(project: String, dataset: String) async throws -> DatasetVersion?

    /// The versions of `dataset`, oldest first, without their items.
    func versions(project: String, dataset: String) async throws -> [DatasetVersionSummary]

    /// The newest version of every dataset of the project, by dataset name, without items.
    func datasets(project: String) async throws -> [DatasetVersionSummary]
}

extension DatasetStore {
    /// `NAME` (the newest version) or `NAME@HASH` (a full hash or a prefix); missing ones are `notFound`.
    public func resolve(_ reference: String, project: String) async throws -> DatasetVersion {
        let parsed = try DatasetReference(parsing: reference)
        let found: DatasetVersion?
        if let hash = parsed.hash {
            found = try await version(project: project, dataset: parsed.name, hash: hash)
        } else {
            found = try await latestVersion(project: project, dataset: parsed.name)
        }
        guard let found else {
            throw OpsError(.notFound, "No dataset version '\(reference)'", param: "dataset", code: "dataset_not_found")
        }
        return found
    }
}
