/// What running a plan produced: the answer or the final error, and every attempt on the way.
public struct Execution<Value: Sendable>: Sendable {
    public var result: Result<Value, any Error>
    public var attempts: [AttemptRecord]
    /// The deployment that answered, if one did.
    public var deployment: String?

    public init(result: Result<Value, any Error>, attempts: [AttemptRecord], deployment: String?) {
        self.result = result
        self.attempts = attempts
        self.deployment = deployment
    }

    /// The answer, or the error that ended the last attempt.
    public func get() throws -> Value { try result.get() }

    /// Whether more than one deployment was tried.
    public var fellBack: Bool { Set(attempts.map(\.deployment)).count > 1 }
}
