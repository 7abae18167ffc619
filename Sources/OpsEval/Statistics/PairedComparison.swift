/// Two runs' per-item scores of one metric on the same dataset version, compared item by item:
/// the means, the mean paired difference (candidate − baseline) with a bootstrap confidence
/// interval, win/tie/loss counts, the Wilcoxon signed-rank and sign tests, and the items that got worse.
/// Higher scores are better for every metric in the catalog.
public struct PairedComparison: Sendable, Hashable {
    /// How the interval is computed.
    public struct Options: Sendable, Hashable {
        /// Bootstrap resamples.
        public var resamples = 10_000
        /// The interval's coverage.
        public var level = 0.95
        /// The bootstrap generator's seed: the same seed gives the same interval.
        public var seed: UInt64 = 0x5EED

        public init(resamples: Int = 10_000, level: Double = 0.95, seed: UInt64 = 0x5EED) {
            self.resamples = resamples
            self.level = level
            self.seed = seed
        }
    }

    /// An item whose score went down.
    public struct Regression: Sendable, Hashable {
        /// The item's index in the dataset version.
        public var item: Int
        public var baseline: Double
        public var candidate: Double
        public var difference: Double { candidate - baseline }
    }

    /// The number of paired items.
    public let count: Int
    public let meanBaseline: Double
    public let meanCandidate: Double
    /// The mean of candidate − baseline (equal to the difference of the means).
    public let meanDifference: Double
    public let interval: BootstrapInterval
    public let wins: Int
    public let ties: Int
    public let losses: Int
    public let wilcoxon: WilcoxonSignedRankTest
    public let signTest: SignTest
    /// The items that scored lower in the candidate, worst first.
    public let regressions: [Regression]

    /// Compares scores paired by position; `items` names each position (its dataset index) and
    /// defaults to 0, 1, 2, …. Different lengths, no items or a non-finite score throw.
    public init(baseline: [Double], candidate: [Double], items: [Int]? = nil, options: Options = Options()) throws {
        guard baseline.count == candidate.count, items.map({ $0.count == baseline.count }) ?? true else {
            throw EvalError.countMismatch("the runs have \(baseline.count) and \(candidate.count) scores; a paired "
                                          + "comparison needs one score per item in each")
        }
        guard !baseline.isEmpty else {
            throw EvalError.countMismatch("the runs have no items in common to compare")
        }
        guard (baseline + candidate).allSatisfy(\.isFinite) else {
            throw EvalError.invalidOption("a score is not a finite number; scores must be finite to compare runs")
        }
        let ids = items ?? Array(baseline.indices)
        let differences = zip(candidate, baseline).map { $0 - $1 }
        let n = Double(baseline.count)
        count = baseline.count
        meanBaseline = baseline.reduce(0, +) / n
        meanCandidate = candidate.reduce(0, +) / n
        meanDifference = differences.reduce(0, +) / n
        interval = BootstrapInterval(meanOf: differences, level: options.level, resamples: options.resamples,
                                     seed: options.seed)
        wins = differences.filter { $0 > 0 }.count
        losses = differences.filter { $0 < 0 }.count
        ties = count - wins - losses
        wilcoxon = WilcoxonSignedRankTest(differences: differences)
        signTest = SignTest(wins: wins, losses: losses)
        regressions = ids.indices.filter { differences[$0] < 0 }
            .map { Regression(item: ids[$0], baseline: baseline[$0], candidate: candidate[$0]) }
            .sorted { ($0.difference, $0.item) < ($1.difference, $1.item) }
    }

    /// Compares the items both runs scored (an item that failed in either run is left out), by item index.
    public init(baseline: [Int: Double], candidate: [Int: Double], options: Options = Options()) throws {
        let items = baseline.keys.filter { candidate[$0] != nil }.sorted()
        try self.init(baseline: items.map { baseline[$0]! }, candidate: items.map { candidate[$0]! }, items: items,
                      options: options)
    }

    /// Whether the candidate is significantly worse: a negative mean difference and a Wilcoxon
    /// p-value below `alpha`.
    public func isSignificantRegression(alpha: Double = 0.05) -> Bool {
        meanDifference < 0 && wilcoxon.pValue < alpha
    }
}
