import OpsCore

/// A percentile bootstrap confidence interval of the mean: resample the values with replacement,
/// take each resample's mean, and read the interval off the sorted means. Seeded, so the same
/// inputs always give the same interval.
public struct BootstrapInterval: Sendable, Hashable {
    public let lower: Double
    public let upper: Double
    /// The coverage, e.g. 0.95.
    public let level: Double
    public let resamples: Int

    /// The interval for the mean of `values`; empty input gives [0, 0].
    public init(meanOf values: [Double], level: Double = 0.95, resamples: Int = 10_000, seed: UInt64 = 0x5EED) {
        self.level = level
        self.resamples = resamples
        guard !values.isEmpty, resamples > 0 else {
            lower = 0
            upper = 0
            return
        }
        var generator = SplitMix64(seed: seed)
        let n = values.count
        var means = [Double](repeating: 0, count: resamples)
        for b in 0..<resamples {
            var sum = 0.0
            for _ in 0..<n { sum += values[Int(generator.next() % UInt64(n))] }
            means[b] = sum / Double(n)
        }
        means.sort()
        let alpha = (1 - level) / 2
        lower = Self.percentile(means, alpha)
        upper = Self.percentile(means, 1 - alpha)
    }

    /// Linear interpolation between order statistics, as numpy's default `percentile`.
    static func percentile(_ sorted: [Double], _ q: Double) -> Double {
        let position = q * Double(sorted.count - 1)
        let below = Int(position.rounded(.down))
        let above = min(below + 1, sorted.count - 1)
        let fraction = position - Double(below)
        return sorted[below] + (sorted[above] - sorted[below]) * fraction
    }

    /// Whether the interval lies entirely below zero.
    public var excludesZeroBelow: Bool { upper < 0 }
    /// Whether the interval lies entirely above zero.
    public var excludesZeroAbove: Bool { lower > 0 }
}
