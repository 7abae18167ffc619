import OpsCore

extension InMemoryStore {
    public func createVersion(_ draft: PromptDraft, project: String) async throws -> PromptVersion {
        try await promptStore.createVersion(draft, project: project)
    }

    public func version(project: String, name: String, number: Int) async throws -> PromptVersion? {
        try await promptStore.version(project: project, name: name, number: number)
    }

    public func latestVersion(project: String, name: String) async throws -> PromptVersion? {
        try await promptStore.latestVersion(project: project, name: name)
    }

    public func versions(project: String, name: String) async throws -> [PromptVersion] {
        try await promptStore.versions(project: project, name: name)
    }

    public func prompts(project: String) async throws -> [Prompt] {
        try await promptStore.prompts(project: project)
    }

    public func labels(project: String, name: String) async throws -> [PromptLabel] {
        try await promptStore.labels(project: project, name: name)
    }

    @discardableResult
    public func moveLabel(project: String, name: String, label: String, to version: Int,
                          actor: String) async throws -> LabelMove {
        try await promptStore.moveLabel(project: project, name: name, label: label, to: version, actor: actor)
    }

    public func labelMoves(project: String, name: String) async throws -> [LabelMove] {
        try await promptStore.labelMoves(project: project, name: name)
    }
}
