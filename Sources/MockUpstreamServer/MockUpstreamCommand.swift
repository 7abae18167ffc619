import ArgumentParser
import Foundation
import NIOCore
import NIOPosix
import OpsTesting

/// `llmops-mock-upstream`: the scriptable OpenAI/Anthropic-shaped mock as a process, for
/// benchmarks and for tests driven by other languages' clients.
struct MockUpstreamCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "llmops-mock-upstream",
        abstract: "A mock OpenAI- and Anthropic-compatible upstream that answers at once (echo), on loopback."
    )

    @Option(help: "Port to listen on (0 picks a free one; the chosen port is printed).") var port: Int = 0
    @Option(help: "Address to bind.") var host: String = "127.0.0.1"
    @Option(help: "Delay in milliseconds before every answer.") var delayMs: Int = 0
    @Option(help: ArgumentHelp(
        "Event-loop threads to serve on (0: one per core).",
        discussion: "The gateway benchmark runs the mock with 1: it stands in for an upstream on another machine, "
            + "and on one loop it costs about a fifth less CPU per call on the cores it shares with the gateway "
            + "and the load generator."))
    var eventLoops: Int = 0

    func validate() throws {
        guard eventLoops >= 0 else { throw ValidationError("--event-loops must be 0 (one per core) or more, got \(eventLoops).") }
        guard delayMs >= 0 else { throw ValidationError("--delay-ms must be 0 or more, got \(delayMs).") }
    }

    /// Sizes NIO's shared loop group; must run before anything uses it, so before `run()`.
    func configureEventLoops() {
        if eventLoops > 0 { NIOSingletons.groupLoopCountSuggestion = eventLoops }
    }

    func run() async throws {
        // Nothing reads the request log of the process, and a benchmark's millions of calls would
        // grow it without bound.
        let mock = MockUpstream(recordsRequests: false)
        if delayMs > 0 { mock.setDefault(.delay(ms: delayMs, then: .echo)) }
        let bound = try await mock.start(host: host, port: port)
        print("mock upstream listening on http://\(host):\(bound)/v1")
        fflush(stdout)
        while true { try await Task.sleep(nanoseconds: 3_600_000_000_000) }
    }
}
