/// Where prompts, their versions, labels and label history are kept. Versions are immutable;
/// a label move and its audit record are written together.
public protocol PromptStore: Sendable {
    /// Stores `draft` as the next version of its prompt (1 for a new prompt) and returns it.
    func createVersion(_ draft: PromptDraft) async throws -> PromptVersion

    /// The version `number` of `name`, or nil.
    func version(name: String, number: Int) async throws -> PromptVersion?

    /// The newest version of `name`, or nil when the prompt does not exist.
    func latestVersion(name: String) async throws -> PromptVersion?

    /// Every version of `name`, oldest first.
    func versions(name: String) async throws -> [PromptVersion]

    /// Every prompt, by name.
    func prompts() async throws -> [Prompt]

    /// The labels of `name`, by label name.
    func labels(name: String) async throws -> [PromptLabel]

    /// Points `label` of `name` at `version` (creating the label if needed) and records who did it.
    /// Throws `notFound` when the version does not exist.
    @discardableResult
    func moveLabel(name: String, label: String, to version: Int, actor: String) async throws -> LabelMove

    /// Every label move of `name`, oldest first.
    func labelMoves(name: String) async throws -> [LabelMove]
}

extension PromptStore {
    /// The version a reference names; a missing prompt, label or version is a `notFound` naming it.
    public func resolve(_ reference: PromptReference) async throws -> PromptVersion {
        let found: PromptVersion?
        switch reference.selector {
        case .latest:
            found = try await latestVersion(name: reference.name)
        case .version(let number):
            found = try await version(name: reference.name, number: number)
        case .label(let label):
            guard let target = try await labels(name: reference.name).first(where: { $0.label == label }) else {
                let exists = try await latestVersion(name: reference.name) != nil
                throw OpsError(.notFound, exists ? "Prompt '\(reference.name)' has no label '\(label)'"
                                                 : "No prompt named '\(reference.name)'",
                               param: "prompt", code: "prompt_not_found")
            }
            found = try await version(name: reference.name, number: target.version)
        }
        guard let found else {
            throw OpsError(.notFound, "No prompt version '\(reference)'", param: "prompt", code: "prompt_not_found")
        }
        return found
    }
}
