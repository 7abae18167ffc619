import Foundation

/// The Wilcoxon signed-rank test on paired differences, two-sided, computed as
/// `scipy.stats.wilcoxon(candidate, baseline, zero_method="wilcox", correction=True)`:
///
/// - zero differences are dropped (Wilcox's method) and `n` counts the rest;
/// - with n ≤ 25 and no tied |difference|, the p-value comes from the exact null distribution
///   (scipy's `method="exact"`), counted with integers;
/// - otherwise from the normal approximation with the tie correction of the variance and a
///   continuity correction of 0.5 (scipy's `method="asymptotic"`).
public struct WilcoxonSignedRankTest: Sendable, Hashable {
    /// How the p-value was computed.
    public enum Method: String, Sendable, Hashable {
        case exact
        case normalApproximation = "approx"
    }

    /// The largest sample for which the exact distribution is used.
    public static let exactLimit = 25

    /// The number of non-zero differences.
    public let n: Int
    /// The rank sums of the positive and negative differences.
    public let rankSumPositive: Double
    public let rankSumNegative: Double
    /// min(R+, R−), the statistic scipy reports for the two-sided test.
    public var statistic: Double { min(rankSumPositive, rankSumNegative) }
    /// The continuity-corrected z score (normal approximation only).
    public let z: Double?
    public let pValue: Double
    public let method: Method

    /// Tests `differences` (candidate − baseline) against a median of zero.
    public init(differences: [Double]) {
        let nonzero = differences.filter { $0 != 0 }
        let ranked = Self.rank(nonzero.map(abs))
        n = nonzero.count
        var plus = 0.0, minus = 0.0
        for (d, r) in zip(nonzero, ranked.ranks) {
            if d > 0 { plus += r } else { minus += r }
        }
        rankSumPositive = plus
        rankSumNegative = minus
        if n == 0 {
            z = nil
            pValue = 1
            method = .exact
        } else if n <= Self.exactLimit && !ranked.hasTies {
            z = nil
            pValue = Self.exactPValue(rankSum: plus, n: n)
            method = .exact
        } else {
            let count = Double(n)
            let mean = count * (count + 1) / 4
            let variance = (count * (count + 1) * (2 * count + 1) - ranked.tieTerm / 2) / 24
            let se = variance.squareRoot()
            if se == 0 {
                z = 0
                pValue = 1
            } else {
                var score = (plus - mean) / se
                score -= (score > 0 ? 1 : score < 0 ? -1 : 0) * 0.5 / se
                z = score
                pValue = min(1, erfc(abs(score) / 2.0.squareRoot()))
            }
            method = .normalApproximation
        }
    }

    /// Average ranks (1-based) of `values`, whether any are tied, and Σ(t³ − t) over tie groups.
    static func rank(_ values: [Double]) -> (ranks: [Double], hasTies: Bool, tieTerm: Double) {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var hasTies = false
        var tieTerm = 0.0
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count, values[order[end + 1]] == values[order[start]] { end += 1 }
            let average = Double(start + end + 2) / 2
            for k in start...end { ranks[order[k]] = average }
            let t = Double(end - start + 1)
            if t > 1 { hasTies = true; tieTerm += t * t * t - t }
            start = end + 1
        }
        return (ranks, hasTies, tieTerm)
    }

    /// 2·min(P(T ≥ R+), P(T ≤ R+)) under the exact null distribution, capped at 1.
    static func exactPValue(rankSum: Double, n: Int) -> Double {
        let maxSum = n * (n + 1) / 2
        // counts[k]: the number of sign assignments whose positive ranks sum to k (at most 2^25).
        var counts = [UInt64](repeating: 0, count: maxSum + 1)
        counts[0] = 1
        for r in 1...n {
            for k in stride(from: maxSum, through: r, by: -1) { counts[k] += counts[k - r] }
        }
        // As scipy: round a non-integral statistic up for the lower tail and down for the upper one.
        let upperFrom = Int(rankSum.rounded(.down)), lowerTo = Int(rankSum.rounded(.up))
        let upper = counts[max(0, upperFrom)...].reduce(0, +)
        let lower = counts[...min(maxSum, lowerTo)].reduce(0, +)
        let total = Double(UInt64(1) << UInt64(n))
        return min(1, 2 * Double(min(upper, lower)) / total)
    }
}
