import Foundation

/// One judgement of a trace or an experiment item: end-user feedback, a reviewer's score or an
/// evaluation's, all in the same shape so they can be read side by side.
public struct Score: Sendable, Hashable {
    /// `score_` + 24 hex digits.
    public var id: String
    public var project: String
    public var target: ScoreTarget
    /// What was judged (`helpfulness`, `thumbs`); the name of its definition when it has one.
    public var name: String
    public var value: ScoreValue
    public var comment: String?
    public var source: ScoreSource
    /// The key that sent it.
    public var author: String
    /// The annotation queue a reviewer scored it in, if any.
    public var queueID: String?
    public var createdAt: Date

    public init(id: String = Identifier.prefixed("score"), project: String, target: ScoreTarget, name: String,
                value: ScoreValue, comment: String? = nil, source: ScoreSource, author: String, queueID: String? = nil,
                createdAt: Date) {
        self.id = id
        self.project = project
        self.target = target
        self.name = name
        self.value = value
        self.comment = comment
        self.source = source
        self.author = author
        self.queueID = queueID
        self.createdAt = createdAt
    }

    /// The score as the API returns it.
    public var json: JSONValue {
        var o = JSONObject([("id", .string(id))])
        for (key, value) in target.fields { o[key] = value }
        o["name"] = .string(name)
        o["kind"] = .string(value.kind.rawValue)
        o["value"] = value.json
        o["comment"] = comment.map { .string($0) } ?? .null
        o["source"] = .string(source.rawValue)
        o["author"] = .string(author)
        o["queue_id"] = queueID.map { .string($0) } ?? .null
        o["created_at"] = .string(createdAt.iso8601)
        return .object(o)
    }

    /// The longest comment kept: feedback is a sentence or a paragraph, not a document.
    public static let maxCommentLength = 10_000

    /// Checks a comment's length; blank comments count as none.
    public static func comment(_ text: String?, param: String) throws(OpsError) -> String? {
        guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        guard text.count <= maxCommentLength else {
            throw .invalid("\(param) is longer than \(maxCommentLength) characters", param: param)
        }
        return text
    }
}
