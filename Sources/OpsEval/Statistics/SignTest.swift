import Foundation

/// The two-sided sign test: under no difference, wins and losses are Binomial(wins + losses, ½);
/// ties carry no information and are left out. Equal to `scipy.stats.binomtest(wins, wins + losses).pvalue`.
public struct SignTest: Sendable, Hashable {
    public let wins: Int
    public let losses: Int
    public let pValue: Double

    public init(wins: Int, losses: Int) {
        self.wins = wins
        self.losses = losses
        let trials = wins + losses
        let k = min(wins, losses)
        guard trials > 0, 2 * k < trials else {
            pValue = 1
            return
        }
        // P(X ≤ k) summed in log space, so thousands of items neither overflow nor underflow.
        let logHalfPower = Double(trials) * log(0.5)
        var tail = 0.0
        for i in 0...k {
            tail += exp(Self.logChoose(trials, i) + logHalfPower)
        }
        pValue = min(1, 2 * tail)
    }

    static func logChoose(_ n: Int, _ k: Int) -> Double {
        lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1))
    }
}
