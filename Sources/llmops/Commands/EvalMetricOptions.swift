import ArgumentParser
import Foundation
import OpsEval

/// How `eval run` configures its metrics; stored with the run as its `MetricSettings`, so a resumed
/// run scores like the first part (on --resume these options are taken from the run, not the command line).
struct EvalMetricOptions: ParsableArguments {
    @Flag(name: .customLong("ignore-case"), help: "exact/contains/not_contains/levenshtein/regex: compare case-insensitively.")
    var ignoreCase = false
    @Flag(name: .customLong("ignore-punctuation"), help: "exact/contains/not_contains/levenshtein: drop punctuation and symbols.")
    var ignorePunctuation = false
    @Flag(name: .customLong("ignore-whitespace"),
          help: "exact/contains/not_contains/levenshtein: trim and collapse runs of whitespace to one space.")
    var ignoreWhitespace = false
    @Flag(help: "Porter-stem tokens for the ROUGE metrics.") var stemmer = false
    @Option(help: "Regular expression for --metric regex.") var pattern: String?
    @Option(help: "JSON Schema file for --metric json_schema.") var schema: String?
    @Option(name: .customLong("judge-model"), help: "The model every judge:… metric uses instead of its rubric's config.model.")
    var judgeModel: String?
    @Option(name: .customLong("scorer-timeout"), help: "Seconds an external scorer may take per item (default 30).")
    var scorerTimeout: Double = 30
    @Option(name: .customLong("scorer-concurrency"), help: "Calls in flight per external scorer (1–256, default 4).")
    var scorerConcurrency: Int = 4

    func validate() throws {
        guard scorerTimeout > 0, scorerTimeout <= 3600 else {
            throw ValidationError("--scorer-timeout must be more than 0 and at most 3600 seconds, got \(scorerTimeout)")
        }
        guard (1...256).contains(scorerConcurrency) else {
            throw ValidationError("--scorer-concurrency must be between 1 and 256, got \(scorerConcurrency)")
        }
    }

    /// The settings for a new run (judge versions are resolved by the server).
    func settings() throws -> MetricSettings {
        var settings = MetricSettings()
        settings.normalization = TextNormalization(ignoreCase: ignoreCase, collapseWhitespace: ignoreWhitespace,
                                                   removePunctuation: ignorePunctuation)
        settings.stemmer = stemmer
        settings.pattern = pattern
        settings.schema = try schema.map(readFile)
        settings.judgeModel = judgeModel
        settings.scorerTimeout = scorerTimeout
        settings.scorerConcurrency = scorerConcurrency
        return settings
    }
}
