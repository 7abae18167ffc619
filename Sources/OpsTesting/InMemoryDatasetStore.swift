import Foundation
import OpsCore

/// A `DatasetStore` in memory, for tests and for code that needs datasets without a database.
/// Times are kept to the microsecond, as the database stores keep them.
public actor InMemoryDatasetStore: DatasetStore {
    struct Key: Hashable {
        var project: String
        var dataset: String
    }

    var versionsByName: [Key: [DatasetVersion]] = [:]
    private let clock: any WallClock

    public init(clock: any WallClock = SystemClock()) {
        self.clock = clock
    }

    public func createVersion(project: String, dataset: String, items: [DatasetItem], author: String,
                              message: String) async throws -> DatasetVersion {
        try Prompt.validateName(dataset, param: "dataset", what: "dataset")
        let key = Key(project: project, dataset: dataset)
        let hash = DatasetVersion.contentHash(of: items)
        if let existing = versionsByName[key]?.first(where: { $0.hash == hash }) { return existing }
        let version = DatasetVersion(dataset: dataset, items: items, createdAt: Date(epochMicros: clock.now().epochMicros),
                                     author: author, message: message)
        versionsByName[key, default: []].append(version)
        return version
    }

    public func version(project: String, dataset: String, hash: String) async throws -> DatasetVersion? {
        try DatasetReference.validatePrefix(hash)
        let matches = (versionsByName[Key(project: project, dataset: dataset)] ?? []).filter { $0.matches(hash) }
        guard matches.count <= 1 else { throw DatasetVersion.ambiguousPrefix(hash, dataset: dataset, count: matches.count) }
        return matches.first
    }

    public func latestVersion(project: String, dataset: String) async throws -> DatasetVersion? {
        versionsByName[Key(project: project, dataset: dataset)]?.last
    }

    public func versions(project: String, dataset: String) async throws -> [DatasetVersionSummary] {
        (versionsByName[Key(project: project, dataset: dataset)] ?? []).map(DatasetVersionSummary.init)
    }

    public func datasets(project: String) async throws -> [DatasetVersionSummary] {
        versionsByName.filter { $0.key.project == project }.sorted { $0.key.dataset < $1.key.dataset }
            .compactMap { $0.value.last.map(DatasetVersionSummary.init) }
    }
}
