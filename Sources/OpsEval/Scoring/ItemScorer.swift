import OpsCore

/// Scores one experiment item's output, possibly by calling something outside the process (a judge
/// model, a scoring command, an HTTP endpoint). The experiment runner only sees this protocol:
/// the text metrics take part through `MetricScorer`.
///
/// A thrown error is that item's score error for this scorer (stored and shown), never a 0.
public protocol ItemScorer: Sendable {
    /// The name scores are stored and reported under (`bleu`, `judge:helpfulness@production`, …).
    var name: String { get }

    /// Scores `subject`'s output.
    func score(_ subject: ScoringSubject) async throws -> MetricScore
}
