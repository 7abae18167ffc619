/// Carries an external scorer's request to it and brings back its answer: a process per item
/// (`external:cmd:`) or an HTTP POST (`external:http:`). Implemented by the CLI; OpsEval does no I/O.
///
/// Implementations throw when the scorer failed (non-zero exit, a non-2xx status, no answer within
/// `timeout`), with a message that says what happened; the caller names the scorer.
public protocol ScorerTransport: Sendable {
    /// Sends `request` (JSON) and returns the scorer's answer (expected to be JSON).
    func exchange(_ request: [UInt8], timeout: Duration) async throws -> [UInt8]
}
