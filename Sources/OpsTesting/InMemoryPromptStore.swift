import Foundation
import OpsCore

/// A `PromptStore` in memory, for tests and for code that needs a registry without a database.
/// Times are kept to the microsecond, as the database stores keep them.
public actor InMemoryPromptStore: PromptStore {
    private struct Key: Hashable {
        var project: String
        var name: String
    }

    private var versionsByName: [Key: [PromptVersion]] = [:]
    private var labelsByName: [Key: [String: PromptLabel]] = [:]
    private var moves: [Key: [LabelMove]] = [:]
    private let clock: any WallClock

    public init(clock: any WallClock = SystemClock()) {
        self.clock = clock
    }

    private var now: Date { Date(epochMicros: clock.now().epochMicros) }

    public func createVersion(_ draft: PromptDraft, project: String) async throws -> PromptVersion {
        let key = Key(project: project, name: draft.name)
        let existing = versionsByName[key] ?? []
        let version = PromptVersion(name: draft.name, number: existing.count + 1, body: draft.body,
                                    config: draft.config, createdAt: now, author: draft.author,
                                    commitMessage: draft.commitMessage)
        versionsByName[key] = existing + [version]
        return version
    }

    public func version(project: String, name: String, number: Int) async throws -> PromptVersion? {
        guard let versions = versionsByName[Key(project: project, name: name)], number >= 1, number <= versions.count
        else { return nil }
        return versions[number - 1]
    }

    public func latestVersion(project: String, name: String) async throws -> PromptVersion? {
        versionsByName[Key(project: project, name: name)]?.last
    }

    public func versions(project: String, name: String) async throws -> [PromptVersion] {
        versionsByName[Key(project: project, name: name)] ?? []
    }

    public func prompts(project: String) async throws -> [Prompt] {
        versionsByName.keys.filter { $0.project == project }.sorted { $0.name < $1.name }.compactMap { key in
            guard let versions = versionsByName[key], let first = versions.first else { return nil }
            let labels = (labelsByName[key] ?? [:]).mapValues(\.version)
            return Prompt(name: key.name, createdAt: first.createdAt, latestVersion: versions.count, labels: labels)
        }
    }

    public func labels(project: String, name: String) async throws -> [PromptLabel] {
        (labelsByName[Key(project: project, name: name)] ?? [:]).values.sorted { $0.label < $1.label }
    }

    @discardableResult
    public func moveLabel(project: String, name: String, label: String, to version: Int,
                          actor: String) async throws -> LabelMove {
        try Prompt.validateLabel(label)
        let key = Key(project: project, name: name)
        if let error = Self.labelMoveError(name: name, version: version, latest: versionsByName[key]?.count) { throw error }
        let now = self.now
        let move = LabelMove(prompt: name, label: label, from: labelsByName[key]?[label]?.version, to: version,
                             actor: actor, at: now)
        labelsByName[key, default: [:]][label] = PromptLabel(prompt: name, label: label, version: version, updatedAt: now)
        moves[key, default: []].append(move)
        return move
    }

    public func labelMoves(project: String, name: String) async throws -> [LabelMove] {
        moves[Key(project: project, name: name)] ?? []
    }
}
