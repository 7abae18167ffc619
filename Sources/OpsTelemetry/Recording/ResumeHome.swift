/// Where a caller that waits for the trace writer should be resumed. The writer finishes a batch
/// on whatever thread the store answered on; resuming every waiting request handler there would
/// move them all onto that thread, away from their connections' event loops (each later write to
/// the client then crosses threads). The server supplies the current event loop as the home; the
/// hop runs the resumption on it.
public struct ResumeHome: Sendable {
    /// Runs a resumption where the caller lives.
    public typealias Hop = @Sendable (@escaping @Sendable () -> Void) -> Void

    /// The caller's home, asked on the caller's thread; nil when it has none.
    public let current: @Sendable () -> Hop?

    public init(current: @escaping @Sendable () -> Hop?) { self.current = current }

    /// Resume callers from the writer's thread.
    public static let none = ResumeHome { nil }
}
