/// Where prompts, their versions, labels and label history are kept, per project: one project
/// never sees another's prompts, and the same name in two projects is two prompts.
/// Versions are immutable; a label move and its audit record are written together.
public protocol PromptStore: Sendable {
    /// Stores `draft` as the next version of its prompt in `project` (1 for a new prompt) and returns it.
    func createVersion(_ draft: PromptDraft, project: String) async throws -> PromptVersion

    /// The version `number` of `name`, or nil.
    func version(project: String, name: String, number: Int) async throws -> PromptVersion?

    /// The newest version of `name`, or nil when the prompt does not exist.
    func latestVersion(project: String, name: String) async throws -> PromptVersion?

    /// Every version of `name`, oldest first.
    func versions(project: String, name: String) async throws -> [PromptVersion]

    /// Every prompt of the project, by name.
    func prompts(project: String) async throws -> [Prompt]

    /// The labels of `name`, by label name.
    func labels(project: String, name: String) async throws -> [PromptLabel]

    /// Points `label` of `name` at `version` (creating the label if needed) and records who did it,
    /// in one transaction. Throws `notFound` when the prompt or the version does not exist.
    @discardableResult
    func moveLabel(project: String, name: String, label: String, to version: Int, actor: String) async throws -> LabelMove

    /// Every label move of `name`, oldest first.
    func labelMoves(project: String, name: String) async throws -> [LabelMove]
}

extension PromptStore {
    /// The version a reference names; a missing prompt, label or version is a `notFound` naming it.
    public func resolve(_ reference: PromptReference, project: String) async throws -> PromptVersion {
        let found: PromptVersion?
        switch reference.selector {
        case .latest:
            found = try await latestVersion(project: project, name: reference.name)
        case .version(let number):
            found = try await version(project: project, name: reference.name, number: number)
        case .label(let label):
            guard let target = try await labels(project: project, name: reference.name)
                .first(where: { $0.label == label }) else {
                let exists = try await latestVersion(project: project, name: reference.name) != nil
                throw OpsError(.notFound, exists ? "Prompt '\(reference.name)' has no label '\(label)'"
                                                 : "No prompt named '\(reference.name)'",
                               param: "prompt", code: "prompt_not_found")
            }
            found = try await version(project: project, name: reference.name, number: target.version)
        }
        guard let found else {
            let exists = try await latestVersion(project: project, name: reference.name) != nil
            throw OpsError(.notFound, exists ? "No prompt version '\(reference)'" : "No prompt named '\(reference.name)'",
                           param: "prompt", code: "prompt_not_found")
        }
        return found
    }

    /// The checks every store makes before moving a label, with the errors clients see.
    public static func labelMoveError(name: String, version: Int, latest: Int?) -> OpsError? {
        guard let latest else {
            return OpsError(.notFound, "No prompt named '\(name)'", param: "prompt", code: "prompt_not_found")
        }
        guard version >= 1, version <= latest else {
            return OpsError(.notFound, "Prompt '\(name)' has no version \(version) (latest is \(latest))",
                            param: "version", code: "prompt_not_found")
        }
        return nil
    }
}
