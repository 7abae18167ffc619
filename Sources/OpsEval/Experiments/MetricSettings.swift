import OpsCore

/// How a run's metrics are configured, stored with its plan so a resumed run scores exactly like
/// the first part did: text normalization, ROUGE stemming, the regex and schema, the judge
/// rubrics' resolved versions and model, and the external scorers' timeout and concurrency.
public struct MetricSettings: Sendable, Hashable {
    /// For `exact`, `contains`, `not_contains`, `levenshtein` (and `regex`: case only).
    public var normalization = TextNormalization.none
    /// Porter stemming for the ROUGE metrics.
    public var stemmer = false
    /// The pattern for `regex`.
    public var pattern: String?
    /// The schema text for `json_schema`.
    public var schema: String?
    /// The judge model for every judge metric, instead of the rubric's configured one.
    public var judgeModel: String?
    /// Judge metric name → the rubric version it resolved to when the run was created.
    public var judges: [String: Int] = [:]
    /// Seconds an external scorer (or judge call) may take for one item.
    public var scorerTimeout: Double = 30
    /// External scorer calls in flight at once, per scorer.
    public var scorerConcurrency = 4

    public init() {}

    /// The options `MetricCatalog.make` takes.
    public var catalogOptions: MetricCatalog.Options {
        var options = MetricCatalog.Options()
        options.normalization = normalization
        options.stemmer = stemmer
        options.pattern = pattern
        options.schema = schema
        return options
    }

    /// The settings as stored in the plan; defaults are written too, so a stored plan says what ran.
    public var json: JSONValue {
        var o = JSONObject()
        o["ignore_case"] = .bool(normalization.ignoreCase)
        o["ignore_punctuation"] = .bool(normalization.removePunctuation)
        o["ignore_whitespace"] = .bool(normalization.collapseWhitespace)
        o["stemmer"] = .bool(stemmer)
        if let pattern { o["pattern"] = .string(pattern) }
        if let schema { o["schema"] = .string(schema) }
        if let judgeModel { o["judge_model"] = .string(judgeModel) }
        if !judges.isEmpty {
            o["judges"] = .object(JSONObject(judges.keys.sorted().map { ($0, .int(Int64(judges[$0]!))) }))
        }
        o["scorer_timeout"] = .double(scorerTimeout)
        o["scorer_concurrency"] = .int(Int64(scorerConcurrency))
        return .object(o)
    }

    /// Reads stored settings; every error names the field under `path`. Missing fields keep their defaults.
    public init(json: JSONValue, path: String = "settings") throws(OpsError) {
        let fields = try JSONFields(json, path: path)
        let known: Set<String> = ["ignore_case", "ignore_punctuation", "ignore_whitespace", "stemmer", "pattern", "schema",
                                  "judge_model", "judges", "scorer_timeout", "scorer_concurrency"]
        if let unknown = fields.object.keys.first(where: { !known.contains($0) }) {
            throw .invalid("\(path).\(unknown) is not a metric setting; known: \(known.sorted().joined(separator: ", "))",
                           param: "\(path).\(unknown)")
        }
        normalization = TextNormalization(ignoreCase: try fields.bool("ignore_case") ?? false,
                                          collapseWhitespace: try fields.bool("ignore_whitespace") ?? false,
                                          removePunctuation: try fields.bool("ignore_punctuation") ?? false)
        stemmer = try fields.bool("stemmer") ?? false
        pattern = try fields.string("pattern")
        schema = try fields.string("schema")
        judgeModel = try fields.string("judge_model")
        for (name, value) in try fields.objectValue("judges") ?? JSONObject() {
            guard let version = value.intValue, version >= 1 else {
                throw .invalid("\(path).judges.\(name) must be a prompt version number (1 or more), got \(value.serializedString())",
                               param: "\(path).judges.\(name)")
            }
            judges[name] = version
        }
        scorerTimeout = try fields.double("scorer_timeout", in: 0.001...3600) ?? 30
        let concurrency = try fields.int("scorer_concurrency", in: 1...256) ?? 4
        scorerConcurrency = concurrency
    }
}
