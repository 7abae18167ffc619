import ArgumentParser
import Foundation
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
