import Foundation
import OpsCore

/// A `DatasetStore` in memory, for tests and for code that needs datasets without a database.
public actor InMemoryDatasetStore: DatasetStore {
    private var versionsByName: [String: [DatasetVersion]] = [:]
    private let clock: any WallClock

    public init(clock: any WallClock = SystemClock()) {
        self.clock = clock
    }

    public func createVersion(dataset: String, items: [DatasetItem], author: String,
                              message: String) async throws -> DatasetVersion {
        try Prompt.validateName(dataset, param: "dataset")
        let hash = DatasetVersion.contentHash(of: items)
        if let existing = versionsByName[dataset]?.first(where: { $0.hash == hash }) { return existing }
        let version = DatasetVersion(dataset: dataset, items: items, createdAt: clock.now(), author: author, message: message)
        versionsByName[dataset, default: []].append(version)
        return version
    }

    public func version(dataset: String, hash: String) async throws -> DatasetVersion? {
        guard hash.count >= 6 else {
            throw OpsError.invalid("A dataset version needs at least 6 hex digits of its hash, got '\(hash)'",
                                   param: "dataset")
        }
        let matches = (versionsByName[dataset] ?? []).filter { $0.matches(hash) }
        guard matches.count <= 1 else {
            throw OpsError.invalid("'\(hash)' matches \(matches.count) versions of '\(dataset)'; give more digits",
                                   param: "dataset")
        }
        return matches.first
    }

    public func latestVersion(dataset: String) async throws -> DatasetVersion? {
        versionsByName[dataset]?.last
    }

    public func versions(dataset: String) async throws -> [DatasetVersionSummary] {
        (versionsByName[dataset] ?? []).map(DatasetVersionSummary.init)
    }

    public func datasets() async throws -> [String] {
        versionsByName.keys.sorted()
    }
}
