import Foundation
import OpsCore

/// One mapping of a parsed YAML (or JSON) tree with typed readers that name the full key of any
/// wrong value (`routes[0].retries.attempts`).
struct ConfigMapping {
    let values: [String: Any]
    /// Where this mapping sits, e.g. `routes[0]`; empty at the top level.
    let path: String

    /// `value` as a mapping; nil (the key is absent) reads as an empty one.
    init(_ value: Any?, at path: String) throws {
        self.path = path
        guard let value else { values = [:]; return }
        guard let mapping = value as? [String: Any] else { throw ConfigError(path, "must be a mapping") }
        values = mapping
    }

    /// The full name of `name` inside this mapping.
    func key(_ name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }

    /// Fails on a key outside `known`, so a typo is not silently ignored.
    func rejectUnknown(_ known: Set<String>) throws {
        for name in values.keys.sorted() where !known.contains(name) {
            throw ConfigError(key(name), "unknown key; expected one of \(known.sorted().joined(separator: ", "))")
        }
    }

    func mapping(_ name: String) throws -> ConfigMapping { try ConfigMapping(values[name], at: key(name)) }

    func contains(_ name: String) -> Bool { values[name] != nil }

    func list(_ name: String) throws -> [Any]? {
        guard let value = values[name] else { return nil }
        guard let list = value as? [Any] else { throw ConfigError(key(name), "must be a list") }
        return list
    }

    func string(_ name: String) throws -> String? {
        guard let value = values[name] else { return nil }
        if let s = value as? String { return s }
        if let i = value as? Int { return String(i) }
        throw ConfigError(key(name), "must be a string")
    }

    /// What an integer key may hold when its reader names no range of its own: no value read from
    /// a file or the environment may overflow arithmetic done with it later.
    static let defaultIntRange: ClosedRange<Int> = 0...2_147_483_647
    static let defaultDoubleRange: ClosedRange<Double> = 0...1_000_000_000_000

    func int(_ name: String, in range: ClosedRange<Int> = defaultIntRange) throws -> Int? {
        guard let value = values[name] else { return nil }
        let number: Int
        if let i = value as? Int {
            number = i
        } else if let s = value as? String, let i = Int(s.trimmingCharacters(in: .whitespaces)) {
            number = i
        } else {
            throw ConfigError(key(name), "must be an integer between \(range.lowerBound) and \(range.upperBound), got '\(value)'")
        }
        guard range.contains(number) else {
            throw ConfigError(key(name), "must be between \(range.lowerBound) and \(range.upperBound), got \(number)")
        }
        return number
    }

    func double(_ name: String, in range: ClosedRange<Double> = defaultDoubleRange) throws -> Double? {
        guard let value = values[name] else { return nil }
        let number: Double
        if let d = value as? Double {
            number = d
        } else if let i = value as? Int {
            number = Double(i)
        } else if let s = value as? String, let d = Double(s.trimmingCharacters(in: .whitespaces)) {
            number = d
        } else {
            throw ConfigError(key(name), "must be a number, got '\(value)'")
        }
        guard number.isFinite, range.contains(number) else {
            throw ConfigError(key(name), "must be between \(NumberRange.describe(range.lowerBound)) and "
                              + "\(NumberRange.describe(range.upperBound)), got \(NumberRange.describe(number))")
        }
        return number
    }

    func bool(_ name: String) throws -> Bool? {
        guard let value = values[name] else { return nil }
        if let b = value as? Bool { return b }
        if let s = value as? String, let b = Bool(s.lowercased()) { return b }
        throw ConfigError(key(name), "must be true or false, got '\(value)'")
    }

    /// A list of strings, or one string standing for a list of one.
    func strings(_ name: String) throws -> [String]? {
        guard let value = values[name] else { return nil }
        if let s = value as? String { return [s] }
        guard let list = value as? [Any] else { throw ConfigError(key(name), "must be a list of strings") }
        return try list.enumerated().map { index, item in
            guard let s = item as? String else { throw ConfigError("\(key(name))[\(index)]", "must be a string") }
            return s
        }
    }
}
