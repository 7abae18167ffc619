import Foundation

/// BLEU's sufficient statistics for a segment or a corpus: lengths and n-gram match counts.
/// Corpus BLEU adds these up over segments before computing one score, as sacrebleu does.
public struct BLEUStatistics: Sendable, Equatable {
    /// Hypothesis length in tokens.
    public var hypothesisLength: Int
    /// Length of the reference closest in length to the hypothesis (shorter one on ties).
    public var referenceLength: Int
    /// Clipped n-gram matches, index 0 for unigrams.
    public var correct: [Int]
    /// Hypothesis n-grams, index 0 for unigrams.
    public var total: [Int]

    public init(hypothesisLength: Int, referenceLength: Int, correct: [Int], total: [Int]) {
        self.hypothesisLength = hypothesisLength
        self.referenceLength = referenceLength
        self.correct = correct
        self.total = total
    }

    /// Empty statistics for n-grams up to `order`.
    public static func zero(order: Int) -> BLEUStatistics {
        BLEUStatistics(hypothesisLength: 0, referenceLength: 0,
                       correct: Array(repeating: 0, count: order), total: Array(repeating: 0, count: order))
    }

    /// Adds another segment's statistics.
    public mutating func add(_ other: BLEUStatistics) {
        hypothesisLength += other.hypothesisLength
        referenceLength += other.referenceLength
        for i in correct.indices {
            correct[i] += other.correct[i]
            total[i] += other.total[i]
        }
    }

    /// sacrebleu's `compute_bleu`: brevity penalty, smoothed precisions and their geometric mean.
    public func score(smoothing: BLEUMetric.Smoothing, smoothValue: Double?, effectiveOrder: Bool) -> MetricScore {
        let order = correct.count
        let sys = hypothesisLength
        let ref = referenceLength
        var bp = 1.0
        if sys < ref { bp = sys > 0 ? exp(1 - Double(ref) / Double(sys)) : 0.0 }
        var precisions = Array(repeating: 0.0, count: order)
        guard correct.contains(where: { $0 != 0 }) else {
            return result(0, precisions: precisions, bp: bp)
        }
        let value = smoothValue ?? smoothing.defaultValue
        var correct = self.correct.map(Double.init)
        var total = self.total.map(Double.init)
        var smoothMteval = 1.0
        var effOrder = order
        for n in 1...order {
            if smoothing == .addK && n > 1 {
                correct[n - 1] += value
                total[n - 1] += value
            }
            if total[n - 1] == 0 { break }
            if effectiveOrder { effOrder = n }
            if correct[n - 1] == 0 {
                if smoothing == .exp {
                    smoothMteval *= 2
                    precisions[n - 1] = 100.0 / (smoothMteval * total[n - 1])
                } else if smoothing == .floor {
                    precisions[n - 1] = 100.0 * value / total[n - 1]
                }
            } else {
                precisions[n - 1] = 100.0 * correct[n - 1] / total[n - 1]
            }
        }
        var logSum = 0.0
        for p in precisions[0..<effOrder] {
            // sacrebleu's `my_log` floors log(0) to a large negative number instead of -inf.
            logSum += p == 0 ? -9_999_999_999 : log(p)
        }
        return result(bp * exp(logSum / Double(effOrder)), precisions: precisions, bp: bp)
    }

    private func result(_ value: Double, precisions: [Double], bp: Double) -> MetricScore {
        var details: [(name: String, value: Double)] = precisions.enumerated().map {
            (name: "precision_\($0.offset + 1)", value: $0.element)
        }
        details.append((name: "bp", value: bp))
        details.append((name: "hyp_len", value: Double(hypothesisLength)))
        details.append((name: "ref_len", value: Double(referenceLength)))
        return MetricScore(value: value, details: details)
    }
}
