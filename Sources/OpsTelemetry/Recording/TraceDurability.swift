/// What the request path waits for when it records a trace.
public enum TraceDurability: String, Sendable, Hashable, CaseIterable {
    /// The response goes out after the batch holding its trace is committed (group commit).
    case strict
    /// The response does not wait; when the queue is full new traces are dropped and counted.
    case fast
}
