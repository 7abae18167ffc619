/// Where scores and score definitions are kept, per project.
public protocol ScoreStore: Sendable {
    /// Stores a definition; a `conflict` when the project already has one with that name.
    func createScoreDefinition(_ definition: ScoreDefinition) async throws

    /// The definition `name` of `project`, or nil.
    func scoreDefinition(project: String, name: String) async throws -> ScoreDefinition?

    /// Every definition of the project, by name.
    func scoreDefinitions(project: String) async throws -> [ScoreDefinition]

    /// Stores scores in one transaction: all of them or none.
    func insertScores(_ scores: [Score]) async throws

    /// The scores of one trace or experiment item, oldest first.
    func scores(project: String, target: ScoreTarget) async throws -> [Score]

    /// The scores of every item of an experiment run, by item, then oldest first.
    func scores(project: String, runID: String) async throws -> [Score]
}

extension ScoreStore {
    /// The error for a definition name that is taken.
    public static func duplicateDefinition(_ name: String) -> OpsError {
        OpsError(.conflict, "The score definition '\(name)' already exists", param: "name", code: "score_definition_exists")
    }
}
