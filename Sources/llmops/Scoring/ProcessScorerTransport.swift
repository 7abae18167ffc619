import Dispatch
import OpsEval

/// `external:cmd:COMMAND`: runs the command once per item, the request JSON on its stdin, its answer
/// read from stdout. The command is split on whitespace into a program and its arguments (no shell);
/// a program without `/` is looked up in PATH.
struct ProcessScorerTransport: ScorerTransport {
    let arguments: [String]

    init(command: String) {
        arguments = command.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }

    func exchange(_ request: [UInt8], timeout: Duration) async throws -> [UInt8] {
        let arguments = self.arguments
        let outcome = try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try ChildProcess.run(arguments, input: request, timeout: timeout) })
            }
        }
        let stderr = Self.tail(outcome.stderr)
        if outcome.timedOut { throw ScorerError("did not answer within \(EvalSeconds.text(timeout)) and was killed") }
        if outcome.outputTooLarge { throw ScorerError("wrote more than \(ChildProcess.outputLimit >> 20) MiB to stdout and was killed") }
        if let signal = outcome.signal { throw ScorerError("was killed by signal \(signal)" + stderr) }
        if let status = outcome.status, status != 0 { throw ScorerError("exited with status \(status)" + stderr) }
        return outcome.stdout
    }

    /// The end of stderr, as a suffix of an error message.
    static func tail(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return "" }
        return "; stderr: " + (text.count > 300 ? "…" + text.suffix(300) : text)
    }
}

/// Why a scorer call failed, in words that follow "scorer NAME failed: ".
struct ScorerError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
