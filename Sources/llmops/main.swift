import ArgumentParser
import Foundation
import Logging
import NIOCore
import NIOPosix
import OpsProviders
import OpsTelemetry

// Swift concurrency runs on NIO's event loops (see EventLoopConcurrency). It must happen on the
// main thread before any task starts, hence this file instead of @main. For comparisons,
// LLMOPS_EXECUTOR=nio uses NIO's own takeover (jobs isolated to the loop) and =pool leaves Swift's
// cooperative pool in place.
switch ProcessInfo.processInfo.environment["LLMOPS_EXECUTOR"] {
case "nio": _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
case "pool": break
default: EventLoopConcurrency.install()
}
// The default handler's lines, without rendering every request's metadata (see DeferredMetadataLogHandler).
LoggingSystem.bootstrap(DeferredMetadataLogHandler.standardOutput)

/// Runs the command line in an async function, as `AsyncParsableCommand.main()` does, except that
/// usage errors of `eval` commands exit with `EvalExit`'s status 2 instead of 64.
func runCommandLine() async {
    do {
        var command = try LLMOpsCommand.parseAsRoot()
        if var asynchronous = command as? any AsyncParsableCommand {
            try await asynchronous.run()
        } else {
            try command.run()
        }
    } catch {
        if let status = EvalExit.usageStatus(for: error, arguments: CommandLine.arguments) {
            EvalExit.printError(LLMOpsCommand.fullMessage(for: error))
            exit(status)
        }
        LLMOpsCommand.exit(withError: error)
    }
}

await runCommandLine()
