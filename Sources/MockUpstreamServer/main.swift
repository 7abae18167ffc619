import Logging
import OpsProviders
import OpsTelemetry

// Swift concurrency runs on NIO's event loops, as in `llmops` (see EventLoopConcurrency): the mock
// shares the benchmark's two cores with the gateway and the load generator, and its handlers then
// run on the thread that read the request instead of waking a pool thread. Installed on the main
// thread before any task starts, hence this file instead of @main.
EventLoopConcurrency.install()
LoggingSystem.bootstrap(DeferredMetadataLogHandler.standardOutput)
do {
    let command = try MockUpstreamCommand.parse()
    command.configureEventLoops()
    try await command.run()
} catch {
    MockUpstreamCommand.exit(withError: error)
}
