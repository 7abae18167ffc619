import Foundation
import OpsCore

/// A `PromptStore` in memory, for tests and for code that needs a registry without a database.
public actor InMemoryPromptStore: PromptStore {
    private var versionsByName: [String: [PromptVersion]] = [:]
    private var labelsByName: [String: [String: PromptLabel]] = [:]
    private var moves: [String: [LabelMove]] = [:]
    private let clock: any WallClock

    public init(clock: any WallClock = SystemClock()) {
        self.clock = clock
    }

    public func createVersion(_ draft: PromptDraft) async throws -> PromptVersion {
        let existing = versionsByName[draft.name] ?? []
        let version = PromptVersion(name: draft.name, number: existing.count + 1, body: draft.body,
                                    config: draft.config, createdAt: clock.now(), author: draft.author,
                                    commitMessage: draft.commitMessage)
        versionsByName[draft.name] = existing + [version]
        return version
    }

    public func version(name: String, number: Int) async throws -> PromptVersion? {
        guard let versions = versionsByName[name], number >= 1, number <= versions.count else { return nil }
        return versions[number - 1]
    }

    public func latestVersion(name: String) async throws -> PromptVersion? {
        versionsByName[name]?.last
    }

    public func versions(name: String) async throws -> [PromptVersion] {
        versionsByName[name] ?? []
    }

    public func prompts() async throws -> [Prompt] {
        versionsByName.keys.sorted().compactMap { name in
            guard let versions = versionsByName[name], let first = versions.first else { return nil }
            let labels = (labelsByName[name] ?? [:]).mapValues(\.version)
            return Prompt(name: name, createdAt: first.createdAt, latestVersion: versions.count, labels: labels)
        }
    }

    public func labels(name: String) async throws -> [PromptLabel] {
        (labelsByName[name] ?? [:]).values.sorted { $0.label < $1.label }
    }

    @discardableResult
    public func moveLabel(name: String, label: String, to version: Int, actor: String) async throws -> LabelMove {
        try Prompt.validateLabel(label)
        guard let versions = versionsByName[name] else {
            throw OpsError(.notFound, "No prompt named '\(name)'", param: "prompt", code: "prompt_not_found")
        }
        guard version >= 1, version <= versions.count else {
            throw OpsError(.notFound, "Prompt '\(name)' has no version \(version) (latest is \(versions.count))",
                           param: "version", code: "prompt_not_found")
        }
        let now = clock.now()
        let move = LabelMove(prompt: name, label: label, from: labelsByName[name]?[label]?.version, to: version,
                             actor: actor, at: now)
        labelsByName[name, default: [:]][label] = PromptLabel(prompt: name, label: label, version: version, updatedAt: now)
        moves[name, default: []].append(move)
        return move
    }

    public func labelMoves(name: String) async throws -> [LabelMove] {
        moves[name] ?? []
    }
}
