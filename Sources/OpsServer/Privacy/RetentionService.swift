import Foundation
import Logging
import OpsCore
import ServiceLifecycle

/// Deletes what has outlived its project's retention: every `interval`, for every project and every
/// kind with a retention, batches of `batchSize` oldest records (one transaction each, a pause in
/// between) until none is due. Each project's deletions are counted in `/metrics` and recorded in
/// the audit log as `retention.run`.
struct RetentionService: Service {
    let store: any OpsStore
    let config: RetentionConfig
    /// Per-project policies (`projects[i].retention`), laid over `config.policy`.
    let projects: [ProjectLimitsConfig]
    let clock: any WallClock
    let metrics: RetentionMetrics
    let audit: AuditLog
    let logger: Logger
    /// How the service waits between batches and passes; tests pass one that returns at once.
    var sleep: @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }

    /// What one pass deleted: per project, rows per table.
    typealias Report = [String: [String: Int]]

    /// The first pass comes one interval after start, not during it: start-up (and a test that
    /// starts a server to plant rows) is not raced by a purge.
    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            // The wait ends at once when the server shuts down (a pass in progress finishes its batch).
            let sleep = self.sleep, interval = config.intervalSeconds
            try? await cancelWhenGracefulShutdown { try await sleep(.seconds(interval)) }
            guard !Task.isShuttingDownGracefully && !Task.isCancelled else { return }
            do { _ = try await purgeOnce() } catch is CancellationError { return } catch {
                logger.warning("retention pass failed; the next one starts over", metadata: ["error": "\(error)"])
            }
        }
    }

    /// The policy of `project`: its own keys over the instance's.
    func policy(of project: String) -> RetentionPolicy {
        (projects.first { $0.name == project }?.retention ?? RetentionPolicy()).over(config.policy)
    }

    /// One pass over every project the store knows and every project the configuration names.
    func purgeOnce() async throws -> Report {
        let names = Set(try await store.projects()).union(projects.map(\.name)).sorted()
        let now = clock.now()
        try await store.prepareTracePartitions(around: now)
        var dropped: Report = [:]
        if let days = partitionRetentionDays(names) {
            dropped = try await store.dropTracePartitions(endingBy: now.addingTimeInterval(-Double(days) * 86_400))
            for (table, count) in dropped.values.flatMap({ $0 }) { metrics.deleted(count, from: table) }
        }
        var report: Report = [:]
        for project in Set(names).union(dropped.keys).sorted() {
            let policy = policy(of: project)
            var deleted = dropped[project] ?? [:]
            var cutoffs = JSONObject()
            for kind in RetentionKind.allCases {
                guard let days = policy.keepDays(kind) else { continue }
                let cutoff = now.addingTimeInterval(-Double(days) * 86_400)
                cutoffs[kind.rawValue] = .string(cutoff.iso8601)
                for (table, count) in try await purge(kind, project: project, before: cutoff) {
                    deleted[table, default: 0] += count
                }
            }
            guard !deleted.isEmpty else { continue }
            report[project] = deleted
            let counts = JSONObject(deleted.sorted { $0.key < $1.key }.map { ($0.key, .int(Int64($0.value))) })
            await audit.record(.retentionRun, actor: "system", project: project,
                               detail: ["deleted": .object(counts), "before": .object(cutoffs)])
            logger.info("retention deleted expired records", metadata: [
                "project": "\(project)", "deleted": "\(deleted.sorted { $0.key < $1.key })",
            ])
        }
        return report
    }

    /// The days after which a whole trace partition may go: the longest trace retention of any
    /// project, and only when the instance's default has one too (a project the service does not
    /// know of keeps the default). Nil when some project keeps its traces forever.
    func partitionRetentionDays(_ names: [String]) -> Int? {
        guard let base = config.policy.keepDays(.traces) else { return nil }
        var longest = base
        for project in names {
            guard let days = policy(of: project).keepDays(.traces) else { return nil }
            longest = max(longest, days)
        }
        return longest
    }

    /// Batches until one comes back short: the rows it deleted per table.
    private func purge(_ kind: RetentionKind, project: String, before cutoff: Date) async throws -> [String: Int] {
        var total: [String: Int] = [:]
        while true {
            try Task.checkCancellation()
            let batch = try await store.purgeExpired(kind, project: project, before: cutoff, limit: config.batchSize)
            for (table, count) in batch {
                total[table, default: 0] += count
                metrics.deleted(count, from: table)
            }
            guard (batch[kind.primaryTable] ?? 0) >= config.batchSize else { return total }
            try await sleep(.milliseconds(config.pauseMilliseconds))
        }
    }
}

extension RetentionKind {
    /// The table whose records a batch counts.
    var primaryTable: String {
        switch self {
        case .traces: return "traces"
        case .scores: return "scores"
        case .experiments: return "experiment_runs"
        }
    }
}
