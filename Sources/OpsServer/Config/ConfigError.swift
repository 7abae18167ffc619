/// A configuration problem, naming the key at fault.
public struct ConfigError: Error, CustomStringConvertible, Sendable {
    public var key: String
    public var message: String

    public init(_ key: String, _ message: String) {
        self.key = key
        self.message = message
    }

    public var description: String { "configuration error at '\(key)': \(message)" }
}
