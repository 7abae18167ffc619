/// What retention deletes once it is old enough: each kind of record with a time of its own, with
/// the rows that belong to it. Prompts, datasets, queues and keys are curated, not collected, and
/// are kept; the audit log is the audit trail's to keep.
public enum RetentionKind: String, Sendable, CaseIterable {
    /// Traces, by `created_at`, with their generations.
    case traces
    /// Scores (feedback, reviews, evaluations), by `created_at`.
    case scores
    /// Experiment runs, by `created_at`, with their item results.
    case experiments

    /// The configuration key of this kind's retention: `traces_days`.
    public var configKey: String { rawValue + "_days" }
}
