import OpsCore

/// The figures of a finished run, as the CLI table and the console show them: per metric the mean
/// of item scores and, for BLEU and chrF, the corpus score sacrebleu would print; plus failures,
/// latency percentiles, tokens and cost.
public struct ExperimentSummary: Sendable, Equatable {
    /// One metric's figures.
    public struct MetricFigures: Sendable, Equatable {
        public var metric: String
        /// The mean of the item scores.
        public var mean: Double
        /// The score of the whole corpus from pooled statistics (BLEU, chrF); nil for other metrics.
        public var corpus: Double?
        /// Items scored (failed items and score errors are left out).
        public var scored: Int
        /// Items whose output this metric could not score (a judge answer that did not parse, a scorer that failed).
        public var errors: Int = 0

        /// The figure a threshold is checked against: the corpus score when there is one.
        public var headline: Double { corpus ?? mean }
    }

    public var items: Int
    public var failed: Int
    public var metrics: [MetricFigures]
    /// Seconds: the mean, median and 95th percentile over succeeded items (nearest rank).
    public var latencyMean: Double
    public var latencyP50: Double
    public var latencyP95: Double
    public var promptTokens: Int
    public var completionTokens: Int
    /// US dollars, over items whose cost is known.
    public var cost: Double

    /// Summarizes `results` of a run over `items` (indexed by `ExperimentItemResult.item`).
    public init(results: [ExperimentItemResult], items datasetItems: [DatasetItem], metrics: [any Metric]) {
        self.init(results: results, items: datasetItems, scorers: metrics.map(MetricScorer.init))
    }

    /// Summarizes `results` scored by `scorers`; text metrics with pooled statistics also get a corpus score.
    public init(results: [ExperimentItemResult], items datasetItems: [DatasetItem], scorers: [any ItemScorer]) {
        items = results.count
        failed = results.filter { !$0.succeeded }.count
        let succeeded = results.filter { $0.output != nil }
        let latencies = succeeded.compactMap { $0.output?.latency }.sorted()
        latencyMean = latencies.isEmpty ? 0 : latencies.reduce(0, +) / Double(latencies.count)
        latencyP50 = Self.nearestRank(latencies, 0.50)
        latencyP95 = Self.nearestRank(latencies, 0.95)
        promptTokens = succeeded.reduce(0) { $0 + ($1.output?.usage?.promptTokens ?? 0) }
        completionTokens = succeeded.reduce(0) { $0 + ($1.output?.usage?.completionTokens ?? 0) }
        cost = succeeded.reduce(0) { $0 + ($1.output?.cost ?? 0) }
        self.metrics = scorers.map { scorer in
            let scored = results.filter { $0.scores[scorer.name] != nil }
            let mean = scored.isEmpty ? 0 : scored.reduce(0) { $0 + $1.score(scorer.name)! } / Double(scored.count)
            var corpus: Double?
            if let corpusMetric = (scorer as? MetricScorer)?.metric as? any CorpusMetric, !scored.isEmpty,
               scored.allSatisfy({ $0.item < datasetItems.count }) {
                corpus = try? corpusMetric.corpusScore(hypotheses: scored.map { $0.output?.text ?? "" },
                                                       references: scored.map { datasetItems[$0.item].references }).value
            }
            return MetricFigures(metric: scorer.name, mean: mean, corpus: corpus, scored: scored.count,
                                 errors: results.filter { $0.scoreErrors[scorer.name] != nil }.count)
        }
    }

    /// The headline figure of each metric, for `CIGate.evaluate(means:)`.
    public var headlines: [String: Double] {
        Dictionary(metrics.map { ($0.metric, $0.headline) }, uniquingKeysWith: { a, _ in a })
    }

    static func nearestRank(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((q * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}

extension ExperimentSummary {
    /// Compares two runs on the same dataset version, metric by metric, over the items both scored.
    /// Metrics no item of one run has are left out.
    public static func compare(baseline: [ExperimentItemResult], candidate: [ExperimentItemResult], metrics: [String],
                               options: PairedComparison.Options = PairedComparison.Options()) throws -> [String: PairedComparison] {
        var out: [String: PairedComparison] = [:]
        for metric in metrics {
            let a = baseline.scores(metric), b = candidate.scores(metric)
            guard a.keys.contains(where: { b[$0] != nil }) else { continue }
            out[metric] = try PairedComparison(baseline: a, candidate: b, options: options)
        }
        return out
    }
}
