import OpsCore

extension InMemoryStore {
    public func createVersion(project: String, dataset: String, items: [DatasetItem], author: String,
                              message: String) async throws -> DatasetVersion {
        try await datasetStore.createVersion(project: project, dataset: dataset, items: items, author: author,
                                             message: message)
    }

    public func version(project: String, dataset: String, hash: String) async throws -> DatasetVersion? {
        try await datasetStore.version(project: project, dataset: dataset, hash: hash)
    }

    public func latestVersion(project: String, dataset: String) async throws -> DatasetVersion? {
        try await datasetStore.latestVersion(project: project, dataset: dataset)
    }

    public func versions(project: String, dataset: String) async throws -> [DatasetVersionSummary] {
        try await datasetStore.versions(project: project, dataset: dataset)
    }

    public func datasets(project: String) async throws -> [DatasetVersionSummary] {
        try await datasetStore.datasets(project: project)
    }
}
