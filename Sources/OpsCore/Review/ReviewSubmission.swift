import Foundation

/// A reviewer's answer for one queue item, checked against the queue's score definitions:
/// `{"scores": {"accuracy": 4, "tone": "friendly", "correct": true}, "comment"?}`. Every definition
/// of the queue must be filled in; a score the queue does not ask for is an error.
public struct ReviewSubmission: Sendable, Hashable {
    public var values: [(name: String, value: ScoreValue)]
    public var comment: String?

    /// `raw` maps definition names to submitted values (JSON from the API, or form text read by
    /// `ScoreDefinition.formValue`). Errors name `scores.<name>`.
    public init(raw: JSONObject, comment: String?, definitions: [ScoreDefinition]) throws(OpsError) {
        for key in raw.keys where !definitions.contains(where: { $0.name == key }) {
            throw .invalid("scores.\(key) is not a score this queue asks for (it asks for "
                           + definitions.map(\.name).joined(separator: ", ") + ")", param: "scores.\(key)")
        }
        var values: [(String, ScoreValue)] = []
        for definition in definitions {
            let param = "scores.\(definition.name)"
            guard let value = raw[definition.name], !value.isNull else {
                throw .invalid("\(param) is required", param: param)
            }
            values.append((definition.name, try definition.validate(value, param: param)))
        }
        self.values = values
        self.comment = try Score.comment(comment, param: "comment")
    }

    /// Reads the API body.
    public init(json: JSONValue, definitions: [ScoreDefinition]) throws(OpsError) {
        let fields = try JSONFields(json)
        for key in fields.object.keys where key != "scores" && key != "comment" {
            throw .invalid("\(key) is not a review field", param: key)
        }
        guard let scores = try fields.objectValue("scores") else {
            throw .invalid("scores is required: an object of score name to value", param: "scores")
        }
        try self.init(raw: scores, comment: try fields.string("comment"), definitions: definitions)
    }

    /// The scores to store for `target`, one per definition, the comment on each.
    public func scores(project: String, target: ScoreTarget, reviewer: String, queueID: String, at date: Date) -> [Score] {
        values.map { name, value in
            Score(project: project, target: target, name: name, value: value, comment: comment, source: .human,
                  author: reviewer, queueID: queueID, createdAt: date)
        }
    }

    public static func == (a: ReviewSubmission, b: ReviewSubmission) -> Bool {
        a.comment == b.comment && a.values.map(\.name) == b.values.map(\.name) && a.values.map(\.value) == b.values.map(\.value)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(comment)
        for (name, value) in values { hasher.combine(name); hasher.combine(value) }
    }
}
