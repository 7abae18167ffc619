import ArgumentParser
import Foundation
import OpsCore
import OpsEval

/// `llmops score`: scores a file of outputs against reference files, one line per pair, and prints
/// JSON with the corpus score and each line's score (like `sacrebleu hyp.txt -i ref.txt`).
struct ScoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score outputs against references with BLEU, chrF, ROUGE, exact match, regex, JSON Schema, …",
        discussion: """
            Each line of --hyp is one output; line i of every --ref file is a reference for it.
            Metrics: \(MetricCatalog.names.joined(separator: ", ")).
            BLEU and chrF corpus scores pool n-gram statistics (as sacrebleu); the others are means.
            """)

    @Option(name: .long, help: "Metric to compute; repeat for several.")
    var metric: [String]

    @Option(name: .long, help: "File of outputs, one per line.")
    var hyp: String

    @Option(name: .long, help: "File of references, one per line; repeat for several references per output.")
    var ref: [String] = []

    @Flag(name: .long, help: "Porter-stem tokens for the ROUGE metrics (rouge-score's use_stemmer).")
    var stemmer = false

    @Option(name: .long, help: "Regular expression for --metric regex.")
    var pattern: String?

    @Flag(name: .long, help: "For regex: the pattern must match the whole line.")
    var wholeLine = false

    @Option(name: .long, help: "JSON Schema file for --metric json_schema.")
    var schema: String?

    @Flag(name: .long, help: "exact/contains/levenshtein/regex: ignore case.")
    var ignoreCase = false

    @Flag(name: .long, help: "exact/contains/levenshtein: trim and collapse whitespace.")
    var ignoreWhitespace = false

    @Flag(name: .long, help: "exact/contains/levenshtein: drop punctuation and symbols.")
    var ignorePunctuation = false

    @Flag(name: .long, help: "Print only the corpus scores, not one score per line.")
    var corpusOnly = false

    @Flag(name: .long, help: "Read the two characters \\n in a line as a newline (sentence breaks for rougeLsum).")
    var unescapeNewlines = false

    func run() async throws {
        var options = MetricCatalog.Options()
        options.stemmer = stemmer
        options.pattern = pattern
        options.wholeText = wholeLine
        options.normalization = TextNormalization(
            ignoreCase: ignoreCase, collapseWhitespace: ignoreWhitespace, removePunctuation: ignorePunctuation)
        if let schema { options.schema = try Self.readText(schema) }
        let metrics = try metric.map { try MetricCatalog.make($0, options: options) }
        if ref.isEmpty, let needy = metric.first(where: MetricCatalog.needsReferences) {
            throw ScoreInputError(description: "metric \(needy) compares against references: pass --ref FILE")
        }

        let corpus = try LineCorpus(
            hypothesis: (hyp, try Self.readText(hyp)), references: try ref.map { ($0, try Self.readText($0)) },
            unescapeNewlines: unescapeNewlines)
        let hypotheses = corpus.hypotheses
        let references = corpus.references

        var results: [JSONValue] = []
        for metric in metrics {
            let evaluation = try metric.evaluate(hypotheses: hypotheses, references: references)
            var entry = JSONObject()
            entry["metric"] = .string(metric.name)
            entry["score"] = .double(evaluation.corpus.value)
            entry["details"] = Self.details(evaluation.corpus)
            if !corpusOnly { entry["lines"] = .array(evaluation.segments.map(Self.line)) }
            results.append(.object(entry))
        }
        var output = JSONObject()
        output["hyp"] = .string(hyp)
        output["refs"] = .array(ref.map { .string($0) })
        output["pairs"] = .int(Int64(hypotheses.count))
        if metric.contains(where: { $0.hasPrefix("rouge") }) { output["stemmer"] = .bool(stemmer) }
        output["metrics"] = .array(results)
        FileHandle.standardOutput.write(Data(JSONValue.object(output).serialized() + [0x0A]))
    }

    private static func details(_ score: MetricScore) -> JSONValue {
        .object(JSONObject(score.details.map { ($0.name, JSONValue.double($0.value)) }))
    }

    private static func line(_ score: MetricScore) -> JSONValue {
        var entry = JSONObject()
        entry["score"] = .double(score.value)
        if !score.details.isEmpty { entry["details"] = details(score) }
        if let reason = score.reason { entry["reason"] = .string(reason) }
        return .object(entry)
    }

    static func readText(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScoreInputError(description: "cannot read \(path)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// A problem with the files given to `llmops score`, printed as is (without the usage text that
/// ArgumentParser adds to validation errors).
private struct ScoreInputError: Error, CustomStringConvertible {
    var description: String
}
