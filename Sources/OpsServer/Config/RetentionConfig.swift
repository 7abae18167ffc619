import OpsCore

/// How long records are kept, for the whole instance (`retention:`) and per project
/// (`projects[i].retention`, whose keys override the instance's one by one):
/// ```yaml
/// retention: { traces_days: 30, scores_days: 90, experiments_days: 365, interval_s: 3600, batch: 5000, pause_ms: 50 }
/// projects:
///   - { name: support, retention: { traces_days: 7 } }
/// ```
/// A kind without a number, or with 0, is kept forever (the default).
public struct RetentionPolicy: Sendable, Hashable {
    /// Days records of each kind are kept; absent kinds are not set here.
    public var days: [RetentionKind: Int]

    public init(days: [RetentionKind: Int] = [:]) {
        self.days = days
    }

    /// The longest retention a key accepts: 100 years.
    static let dayRange = 0...36_500

    /// The instance's policy with this one's kinds on top.
    public func over(_ base: RetentionPolicy) -> RetentionPolicy {
        RetentionPolicy(days: base.days.merging(days) { _, own in own })
    }

    /// Days to keep `kind`, or nil when it is kept forever.
    public func keepDays(_ kind: RetentionKind) -> Int? {
        days[kind].flatMap { $0 > 0 ? $0 : nil }
    }

    init(_ m: ConfigMapping, extraKeys: Set<String> = []) throws {
        try m.rejectUnknown(Set(RetentionKind.allCases.map(\.configKey)).union(extraKeys))
        var days: [RetentionKind: Int] = [:]
        for kind in RetentionKind.allCases {
            if let value = try m.int(kind.configKey, in: Self.dayRange) { days[kind] = value }
        }
        self.init(days: days)
    }
}

/// The instance's `retention:` section: its policy and how the background purge paces itself.
public struct RetentionConfig: Sendable, Hashable {
    /// What every project keeps unless its own `retention` says otherwise.
    public var policy = RetentionPolicy()
    /// Seconds between two purge passes.
    public var intervalSeconds = 3_600
    /// Records deleted per transaction.
    public var batchSize = 5_000
    /// Pause between two batches, so a long purge leaves the database to the gateway in between.
    public var pauseMilliseconds = 50

    public init() {}

    init(_ m: ConfigMapping) throws {
        policy = try RetentionPolicy(m, extraKeys: ["interval_s", "batch", "pause_ms"])
        if let interval = try m.int("interval_s", in: 1...604_800) { intervalSeconds = interval }
        if let batch = try m.int("batch", in: 1...100_000) { batchSize = batch }
        if let pause = try m.int("pause_ms", in: 0...60_000) { pauseMilliseconds = pause }
    }

    /// The scalar keys `LLMOPS_RETENTION_*` environment variables may override.
    static let scalarKeys: [[String]] = (RetentionKind.allCases.map(\.configKey) + ["interval_s", "batch", "pause_ms"])
        .map { ["retention", $0] }
}
