import Foundation

/// What a score says: a number, one of a set of labels, or yes/no (thumbs up or down).
public enum ScoreValue: Sendable, Hashable {
    case numeric(Double)
    case categorical(String)
    case boolean(Bool)

    public var kind: ScoreKind {
        switch self {
        case .numeric: return .numeric
        case .categorical: return .categorical
        case .boolean: return .boolean
        }
    }

    /// The value as JSON: a number, a string or a boolean.
    public var json: JSONValue {
        switch self {
        case .numeric(let n): return .double(n)
        case .categorical(let label): return .string(label)
        case .boolean(let b): return .bool(b)
        }
    }

    /// How people read it: `4`, `good`, `yes`/`no`.
    public var text: String {
        switch self {
        case .numeric(let n): return n.rounded() == n && abs(n) < 1e15 ? String(Int64(n)) : String(n)
        case .categorical(let label): return label
        case .boolean(let b): return b ? "yes" : "no"
        }
    }

    /// A value without a definition to check it against: its kind is the JSON type
    /// (a boolean, a finite number, a non-empty string of at most 200 characters).
    public init(json: JSONValue, param: String) throws(OpsError) {
        switch json {
        case .bool(let b): self = .boolean(b)
        case .int, .double:
            guard let n = json.doubleValue, n.isFinite, abs(n) <= NumberRange.score else {
                throw .invalid("\(param) must be a number from -1e15 to 1e15", param: param)
            }
            self = .numeric(n)
        case .string(let s):
            try Self.checkLabel(s, param: param)
            self = .categorical(s)
        default:
            throw .invalid("\(param) must be a number, a string or a boolean, got \(json.typeDescription)", param: param)
        }
    }

    static func checkLabel(_ label: String, param: String) throws(OpsError) {
        guard !label.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .invalid("\(param) is an empty label", param: param)
        }
        guard label.count <= 200 else { throw .invalid("\(param) is longer than 200 characters", param: param) }
    }
}

/// The three kinds of score.
public enum ScoreKind: String, Sendable, Hashable, CaseIterable {
    case numeric
    case categorical
    case boolean
}
