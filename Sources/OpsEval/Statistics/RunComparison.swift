import OpsCore

/// Two stored runs of the same dataset version compared metric by metric: run `a` is the baseline,
/// run `b` the candidate (a difference is b − a, a win is an item where b scored higher). Each
/// metric both runs computed gets a `PairedComparison` over the items both scored; the others are
/// listed as skipped with the reason. This is what `GET /api/experiments/compare` returns and
/// `llmops eval compare` prints.
public struct RunComparison: Sendable {
    /// One run as the comparison describes it.
    public struct Side: Sendable, Hashable {
        public var id: String
        public var dataset: String
        public var datasetVersion: String
        public var target: JSONValue
        public var status: String
        /// Stored item results, and how many of them failed.
        public var items: Int
        public var failed: Int

        init(run: ExperimentRun, records: [ExperimentItemRecord]) {
            id = run.id
            dataset = run.dataset
            datasetVersion = run.datasetVersion
            target = run.plan["target"] ?? .null
            status = run.status.rawValue
            items = records.count
            failed = records.filter { $0.error != nil }.count
        }

        var json: JSONValue {
            ["id": .string(id), "dataset": .string(dataset), "dataset_version": .string(datasetVersion), "target": target,
             "status": .string(status), "items": .int(Int64(items)), "failed": .int(Int64(failed))]
        }
    }

    /// One metric's comparison and the gate's verdict on it.
    public struct MetricResult: Sendable, Hashable {
        public var metric: String
        public var comparison: PairedComparison
        public var significantRegression: Bool
    }

    public let a: Side
    public let b: Side
    public let alpha: Double
    public let metrics: [MetricResult]
    /// Metrics that could not be compared, with why (computed by one run only, no item scored by both).
    public let skipped: [(metric: String, reason: String)]

    /// Whether any metric got significantly worse from a to b.
    public var regressed: Bool { metrics.contains(where: \.significantRegression) }

    /// Compares the stored results of `a` (baseline) and `b` (candidate); runs of different dataset
    /// versions cannot be paired item by item and throw.
    public init(a runA: ExperimentRun, itemsA: [ExperimentItemRecord], b runB: ExperimentRun, itemsB: [ExperimentItemRecord],
                alpha: Double = 0.05, options: PairedComparison.Options = PairedComparison.Options()) throws(EvalError) {
        guard runA.datasetVersion == runB.datasetVersion else {
            throw .invalidOption("run \(runA.id) ran on \(runA.dataset)@\(runA.datasetVersion.prefix(12)) and run \(runB.id) on "
                                 + "\(runB.dataset)@\(runB.datasetVersion.prefix(12)); compare runs of the same dataset version")
        }
        guard alpha > 0, alpha < 1 else { throw .invalidOption("alpha must be between 0 and 1, got \(alpha)") }
        a = Side(run: runA, records: itemsA)
        b = Side(run: runB, records: itemsB)
        self.alpha = alpha
        let resultsA = itemsA.map(ExperimentItemResult.init(record:))
        let resultsB = itemsB.map(ExperimentItemResult.init(record:))
        let namesA = Self.metricNames(runA), namesB = Self.metricNames(runB)
        var compared: [MetricResult] = []
        var skipped: [(String, String)] = []
        for name in namesA + namesB.filter({ !namesA.contains($0) }) {
            guard namesA.contains(name), namesB.contains(name) else {
                skipped.append((name, "only run \(namesA.contains(name) ? runA.id : runB.id) computes it"))
                continue
            }
            let scoresA = resultsA.scores(name), scoresB = resultsB.scores(name)
            guard scoresA.keys.contains(where: { scoresB[$0] != nil }) else {
                skipped.append((name, "no item has a score in both runs"))
                continue
            }
            let comparison: PairedComparison
            do { comparison = try PairedComparison(baseline: scoresA, candidate: scoresB, options: options) } catch {
                skipped.append((name, "\(error)"))
                continue
            }
            compared.append(MetricResult(metric: name, comparison: comparison,
                                         significantRegression: comparison.isSignificantRegression(alpha: alpha)))
        }
        metrics = compared
        self.skipped = skipped
    }

    static func metricNames(_ run: ExperimentRun) -> [String] {
        run.plan["metrics"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    /// The comparison as the API returns it.
    public var json: JSONValue {
        let metricsJSON: [JSONValue] = metrics.map { result in
            let c = result.comparison
            return [
                "metric": .string(result.metric), "items": .int(Int64(c.count)),
                "mean_a": .double(c.meanBaseline), "mean_b": .double(c.meanCandidate), "difference": .double(c.meanDifference),
                "ci": ["level": .double(c.interval.level), "lower": .double(c.interval.lower), "upper": .double(c.interval.upper),
                       "resamples": .int(Int64(c.interval.resamples))],
                "wins": .int(Int64(c.wins)), "ties": .int(Int64(c.ties)), "losses": .int(Int64(c.losses)),
                "p_value": .double(c.wilcoxon.pValue), "test": "wilcoxon", "sign_test_p_value": .double(c.signTest.pValue),
                "significant_regression": .bool(result.significantRegression),
                "regressed_items": .array(c.regressions.map { r in
                    ["item": .int(Int64(r.item)), "a": .double(r.baseline), "b": .double(r.candidate),
                     "difference": .double(r.difference)]
                }),
            ]
        }
        return [
            "a": a.json, "b": b.json, "alpha": .double(alpha), "regression": .bool(regressed), "metrics": .array(metricsJSON),
            "skipped": .array(skipped.map { ["metric": .string($0.metric), "reason": .string($0.reason)] }),
        ]
    }
}
