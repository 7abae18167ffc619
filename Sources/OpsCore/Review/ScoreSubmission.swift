import Foundation

/// A score as a client sends it to `POST /api/scores`, read but not yet checked against the
/// store: `{"trace_id" | "run_id" + "item", "name", "value", "comment"?, "source"?}`.
/// `resolve` checks the value against the name's definition, when the project has one.
public struct ScoreSubmission: Sendable, Hashable {
    public var target: ScoreTarget
    public var name: String
    public var value: JSONValue
    public var comment: String?
    public var source: ScoreSource

    public init(json: JSONValue) throws(OpsError) {
        let fields = try JSONFields(json)
        let known: Set<String> = ["trace_id", "run_id", "item", "name", "value", "comment", "source"]
        if let unknown = fields.object.keys.first(where: { !known.contains($0) }) {
            throw .invalid("\(unknown) is not a score field", param: unknown)
        }
        let traceID = try fields.string("trace_id")
        let runID = try fields.string("run_id")
        switch (traceID, runID) {
        case (let trace?, nil):
            guard !trace.isEmpty else { throw .invalid("trace_id is empty", param: "trace_id") }
            if fields.has("item") { throw .invalid("item goes with run_id, not trace_id", param: "item") }
            target = .trace(trace)
        case (nil, let run?):
            guard let item = try fields.int("item", in: NumberRange.index) else {
                throw .invalid("item is required with run_id: the item's index in the run", param: "item")
            }
            target = .experimentItem(runID: run, item: item)
        case (.some, .some):
            throw .invalid("Give trace_id or run_id, not both", param: "run_id")
        case (nil, nil):
            throw .invalid("trace_id is required (or run_id and item for an experiment item)", param: "trace_id")
        }
        name = try fields.requiredString("name")
        try Prompt.validateName(name, param: "name", what: "score")
        guard let value = fields.object["value"], !value.isNull else {
            throw .invalid("value is required: a number, a label or a boolean", param: "value")
        }
        self.value = value
        comment = try Score.comment(try fields.string("comment"), param: "comment")
        let sourceText = try fields.string("source") ?? ScoreSource.api.rawValue
        guard let source = ScoreSource(rawValue: sourceText) else {
            throw .invalid("source must be api, human or eval, got '\(sourceText)'", param: "source")
        }
        self.source = source
    }

    /// The score to store: the value checked against `definition` when there is one, else taken
    /// as its JSON type says.
    public func resolve(definition: ScoreDefinition?, project: String, author: String, at date: Date) throws(OpsError) -> Score {
        let checked: ScoreValue
        if let definition {
            checked = try definition.validate(value, param: "value")
        } else {
            checked = try ScoreValue(json: value, param: "value")
        }
        return Score(project: project, target: target, name: name, value: checked, comment: comment, source: source,
                     author: author, createdAt: date)
    }
}
