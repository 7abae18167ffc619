import ArgumentParser
import NIOCore
import NIOPosix

// Swift concurrency runs on NIO's event loops, so a request's handler, its upstream call and the
// response share threads instead of hopping between NIO's threads and the cooperative pool.
// It must happen on the main thread before any task starts, hence this file instead of @main.
_ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()

/// Runs the command line in an async function, where `main()` resolves to the asynchronous
/// entry point (top-level code would pick the synchronous one).
func runCommandLine() async {
    await LLMOpsCommand.main()
}

await runCommandLine()
