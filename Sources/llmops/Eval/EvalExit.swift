import ArgumentParser
import Foundation

/// The exit statuses of `llmops eval` commands, so CI can tell a failed gate from a broken run.
enum EvalExit {
    /// The gate failed: a threshold was missed or a metric regressed significantly.
    static let gateFailed = ExitCode(1)
    /// A usage error (a bad option) or an operational one (server unreachable, unknown dataset, results not stored).
    static let error = ExitCode(2)
    /// Interrupted by Ctrl-C or SIGTERM; finished items are stored and the run can be resumed.
    static let interrupted = ExitCode(130)

    static let help = """
        Exit status: 0 passed; 1 the gate failed (a --fail-under threshold, a significant regression); \
        2 usage or operational error (bad option, server unreachable, unknown run or dataset); \
        130 interrupted (Ctrl-C or SIGTERM; resume with --resume RUN).
        """

    /// Runs a command body with these statuses: the body's own `ExitCode`s pass through, an
    /// interruption exits 130, any other error is printed and exits 2.
    static func run(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let exit as ExitCode {
            throw exit
        } catch let interrupted as Interrupted {
            printError(interrupted.description)
            throw Self.interrupted
        } catch {
            printError("Error: \(error)")
            throw Self.error
        }
    }

    /// Usage errors of `eval` commands exit 2 rather than ArgumentParser's 64, so the statuses
    /// above hold whichever way a command fails. Returns the status to exit with, or nil to leave
    /// the error to ArgumentParser.
    static func usageStatus(for error: any Error, arguments: [String]) -> Int32? {
        guard arguments.dropFirst().first == "eval", LLMOpsCommand.exitCode(for: error) == .validationFailure else { return nil }
        return Self.error.rawValue
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// A run stopped by a signal, with how to resume it.
    struct Interrupted: Error, CustomStringConvertible {
        var description: String
    }
}
