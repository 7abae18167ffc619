import ArgumentParser
import Foundation
import OpsCore

extension EvalCommand {
    /// `llmops eval compare RUN_A RUN_B`: two stored runs of one dataset version, metric by metric.
    struct Compare: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare two stored runs of the same dataset version, metric by metric.",
            discussion: """
                RUN_A is the baseline, RUN_B the candidate: differences are B − A and a win is an item B scored higher. \
                Per metric: both means, the mean paired difference with its 95% bootstrap confidence interval, \
                win/tie/loss counts, the Wilcoxon signed-rank p-value and the items that got worse, over the items \
                both runs scored. The server computes it (GET /api/experiments/compare?a=RUN_A&b=RUN_B); --json prints \
                that document as it is.

                \(EvalExit.help) With --fail-on-regression, exits 1 when a metric is significantly worse in RUN_B \
                (negative difference, p < --alpha).
                """)

        @OptionGroup var server: ServerOptions
        @Argument(help: "The baseline run.") var runA: String
        @Argument(help: "The candidate run.") var runB: String
        @Option(help: "Significance level for a regression.") var alpha: Double = 0.05
        @Flag(name: .customLong("fail-on-regression"), help: "Exit 1 when a metric regressed significantly.")
        var failOnRegression = false
        @Flag(help: "Print the comparison as JSON.") var json = false
        @Option(name: .customLong("max-items"), help: "Regressed items listed per metric in the table (default 10).")
        var maxItems: Int = 10

        func validate() throws {
            guard alpha > 0, alpha < 1 else { throw ValidationError("--alpha must be between 0 and 1, got \(alpha)") }
            guard maxItems >= 0 else { throw ValidationError("--max-items must be 0 or more") }
        }

        func run() async throws {
            try await EvalExit.run {
                let client = try server.client()
                let path = "/api/experiments/compare?a=\(LLMOpsClient.query(runA))&b=\(LLMOpsClient.query(runB))&alpha=\(alpha)"
                let comparison = try await client.json(.GET, path)
                print(json ? comparison.serializedString() : ComparisonTable.render(comparison, maxItems: maxItems))
                if failOnRegression, comparison["regression"]?.boolValue == true { throw EvalExit.gateFailed }
            }
        }
    }
}
