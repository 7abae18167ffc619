/// The metrics available by name, as `llmops score --metric` and experiment definitions name them.
public enum MetricCatalog {
    /// Options some metrics take; the others ignore them.
    public struct Options: Sendable {
        /// Porter stemming for the ROUGE metrics.
        public var stemmer = false
        /// The pattern for `regex`.
        public var pattern: String?
        /// The schema text for `json_schema`.
        public var schema: String?
        /// Normalization for `exact`, `contains`, `not_contains` and `levenshtein`.
        public var normalization = TextNormalization.none
        /// For `regex`: the match must cover the whole output.
        public var wholeText = false

        public init() {}
    }

    /// Every name `make` accepts, in the order help texts list them.
    public static let names = [
        "bleu", "chrf", "chrf++", "rouge1", "rouge2", "rougeL", "rougeLsum", "exact", "contains", "not_contains",
        "regex", "levenshtein", "json_valid", "json_schema",
    ]

    /// The metric called `name`, configured by `options`; unknown names and missing options
    /// (a `regex` without a pattern) throw with a message that says what to pass.
    public static func make(_ name: String, options: Options = Options()) throws -> any Metric {
        switch name {
        case "bleu": return try BLEUMetric()
        case "chrf": return try ChrFMetric()
        case "chrf++": return try ChrFMetric(wordOrder: 2)
        case "rouge1": return try RougeNMetric(n: 1, useStemmer: options.stemmer)
        case "rouge2": return try RougeNMetric(n: 2, useStemmer: options.stemmer)
        case "rougeL": return RougeLMetric(useStemmer: options.stemmer)
        case "rougeLsum": return RougeLsumMetric(useStemmer: options.stemmer)
        case "exact": return ExactMatchMetric(normalization: options.normalization)
        case "contains": return ContainsMetric(mode: .containsAll, normalization: options.normalization)
        case "not_contains": return ContainsMetric(mode: .containsNone, normalization: options.normalization)
        case "levenshtein": return LevenshteinMetric(normalization: options.normalization)
        case "json_valid": return JSONValidMetric()
        case "regex":
            guard let pattern = options.pattern else { throw EvalError.invalidOption("metric regex needs a pattern (--pattern)") }
            return try RegexMetric(pattern: pattern, caseInsensitive: options.normalization.ignoreCase,
                                   wholeText: options.wholeText)
        case "json_schema":
            guard let schema = options.schema else { throw EvalError.invalidOption("metric json_schema needs a schema (--schema FILE)") }
            return try JSONSchemaMetric(schemaText: schema)
        default:
            throw EvalError.unknownMetric(name, valid: names)
        }
    }

    /// Whether the metric compares against references (the others only look at the output).
    public static func needsReferences(_ name: String) -> Bool {
        !["regex", "json_valid", "json_schema"].contains(name)
    }
}
