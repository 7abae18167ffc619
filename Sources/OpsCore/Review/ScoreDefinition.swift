import Foundation

/// What a score named `name` may hold in a project: a number in a range, one of a list of labels,
/// or a boolean. Feedback and reviews with that name are checked against it, so a dashboard never
/// averages a 7 into a 1-to-5 scale.
public struct ScoreDefinition: Sendable, Hashable {
    /// The allowed values.
    public enum Rule: Sendable, Hashable {
        case numeric(min: Double, max: Double)
        case categorical([String])
        case boolean
    }

    public var project: String
    public var name: String
    public var rule: Rule
    /// What reviewers should judge, shown next to the field.
    public var description: String
    public var author: String
    public var createdAt: Date

    public init(project: String, name: String, rule: Rule, description: String = "", author: String, createdAt: Date) {
        self.project = project
        self.name = name
        self.rule = rule
        self.description = description
        self.author = author
        self.createdAt = createdAt
    }

    public var kind: ScoreKind {
        switch rule {
        case .numeric: return .numeric
        case .categorical: return .categorical
        case .boolean: return .boolean
        }
    }

    /// `value` as this definition allows it; a 400 naming `param` otherwise.
    public func validate(_ value: JSONValue, param: String) throws(OpsError) -> ScoreValue {
        switch rule {
        case .numeric(let min, let max):
            guard let n = value.doubleValue, n.isFinite else {
                throw .invalid("\(param) must be a number from \(Self.number(min)) to \(Self.number(max)) for '\(name)', "
                               + "got \(value.typeDescription)", param: param)
            }
            guard n >= min, n <= max else {
                throw .invalid("\(param) is \(Self.number(n)), outside the range of '\(name)' "
                               + "(\(Self.number(min)) to \(Self.number(max)))", param: param)
            }
            return .numeric(n)
        case .categorical(let labels):
            guard let label = value.stringValue, labels.contains(label) else {
                let got = value.stringValue.map { "'\($0)'" } ?? value.typeDescription
                throw .invalid("\(param) must be one of \(labels.joined(separator: ", ")) for '\(name)', got \(got)",
                               param: param)
            }
            return .categorical(label)
        case .boolean:
            guard let b = value.boolValue else {
                throw .invalid("\(param) must be true or false for '\(name)', got \(value.typeDescription)", param: param)
            }
            return .boolean(b)
        }
    }

    /// The definition as the API returns it.
    public var json: JSONValue {
        var o = JSONObject([("name", .string(name)), ("kind", .string(kind.rawValue))])
        switch rule {
        case .numeric(let min, let max):
            o["min"] = .double(min)
            o["max"] = .double(max)
        case .categorical(let labels):
            o["categories"] = .array(labels.map { .string($0) })
        case .boolean:
            break
        }
        o["description"] = .string(description)
        o["author"] = .string(author)
        o["created_at"] = .string(createdAt.iso8601)
        return .object(o)
    }

    /// `4` rather than `4.0`.
    static func number(_ n: Double) -> String {
        n.rounded() == n && abs(n) < 1e15 ? String(Int64(n)) : String(n)
    }
}
