import ArgumentParser
import Foundation
import OpsCore
import OpsEval

extension EvalCommand {
    /// `llmops eval run`: a prompt version (or model) over a dataset version, scored, gated.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a prompt version (or a model) over a dataset version, score it, and gate on the result.",
            discussion: """
                Each item goes through the server's gateway; each result is stored on the server as it finishes, \
                so an interrupted run continues with --resume RUN (finished items are not run again; the stored \
                metric settings apply). Prints a table and exits 1 when a --fail-under threshold fails or, with \
                --baseline, when a metric is significantly worse than the baseline run (Wilcoxon signed-rank, p < --alpha).

                Metrics (--metric, repeatable): \(MetricCatalog.names.joined(separator: ", ")); \
                judge:PROMPT[@LABEL|@VERSION], an LLM judge whose rubric is that prompt (variables {{input}}, \
                {{output}}, {{expected}}, {{metadata}} and the item's own; config.score_range [LOW, HIGH], default \
                [0, 1]; the judge must answer {"score": N, "reason": "…"}, anything else is a score error for the item); \
                external:cmd:COMMAND, a command run per item (JSON {"input","output","expected","metadata"} on stdin, \
                {"score": N, "reason"?: "…"} on stdout; split on spaces, no shell); external:http:URL, the same JSON POSTed.

                \(EvalExit.help)
                """)

        @OptionGroup var server: ServerOptions
        @Option(help: "NAME (newest version) or NAME@HASH.") var dataset: String?
        @Option(help: "NAME@LABEL, NAME@VERSION or NAME: the prompt version to run.") var prompt: String?
        @Option(help: "Without --prompt: a model that gets each item's messages; with it: overrides the prompt's model.")
        var model: String?
        @Option(help: "Metric to compute; repeat for several (see above).") var metric: [String] = []
        @Option(help: "A run to compare with (same dataset version).") var baseline: String?
        @Option(name: .customLong("fail-under"), help: "METRIC=VALUE: fail when the metric's score is below VALUE (repeatable).")
        var failUnder: [String] = []
        @Option(help: "Significance level for the regression check against --baseline.") var alpha: Double = 0.05
        @Option(help: "Write the gate's checks as JUnit XML to this file.") var junit: String?
        @Option(help: "Items in flight at once (1–256).") var concurrency: Int = 8
        @Option(help: "Continue this run: only items without a stored result are run.") var resume: String?
        @Option(help: "Seconds one item's call (or one judge call) may take before it fails (default 120).")
        var timeout: Double = 120
        @OptionGroup var metricOptions: EvalMetricOptions
        @Flag(help: "No progress line on stderr.") var quiet = false

        func validate() throws {
            if resume == nil {
                guard dataset != nil else { throw ValidationError("--dataset is required (or --resume RUN)") }
                guard prompt != nil || model != nil else { throw ValidationError("give --prompt NAME@LABEL or --model MODEL") }
                guard !metric.isEmpty else { throw ValidationError("give at least one --metric (\(MetricSpec.forms))") }
            }
            for text in metric {
                do { _ = try MetricSpec(parsing: text) } catch { throw ValidationError("--metric \(error)") }
            }
            guard (1...256).contains(concurrency) else { throw ValidationError("--concurrency must be between 1 and 256") }
            guard alpha > 0, alpha < 1 else { throw ValidationError("--alpha must be between 0 and 1") }
            guard timeout >= 0.001, timeout <= 86_400 else {
                throw ValidationError("--timeout must be between 0.001 and 86400 seconds, got \(timeout)")
            }
            try metricOptions.validate()
        }

        func run() async throws {
            try await EvalExit.run { try await execute() }
        }

        private func execute() async throws {
            var client = try server.client()
            client.timeout = .milliseconds(Int64((timeout * 1000).rounded()))
            let started = ContinuousClock.now
            let session = try await EvalSession.start(client: client, command: self)
            let thresholds = try failUnder.map { text -> CIThreshold in
                do { return try CIThreshold(parsing: text, knownMetrics: session.plan.metrics) } catch {
                    throw ValidationError("--fail-under \(error)")
                }
            }
            let report = try await session.run(quiet: quiet)
            let comparisons = try await session.compare(with: baseline, results: report.results)
            let outcome = CIGate(thresholds: thresholds, alpha: alpha).evaluate(means: report.summary.headlines,
                                                                             comparisons: comparisons)
            print(EvalTable.render(session: session, report: report, comparisons: comparisons, baseline: baseline,
                                   outcome: outcome))
            if let junit {
                let elapsed = started.duration(to: .now).components
                let xml = JUnitReport(outcome: outcome, properties: [
                    ("run", session.run.id), ("dataset", "\(session.run.dataset)@\(session.run.datasetVersion)"),
                    ("target", session.plan.target.description),
                ], time: Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18).xml()
                guard FileManager.default.createFile(atPath: junit, contents: Data(xml.utf8)) else {
                    throw CLIError("cannot write \(junit)")
                }
            }
            try await session.finish(report: report, outcome: outcome)
            if !outcome.passed { throw EvalExit.gateFailed }
        }
    }
}
