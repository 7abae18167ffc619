import OpsCore

/// Runs a target over dataset items with bounded concurrency and scores each output.
///
/// The runner does no I/O of its own: the caller injects the target (a prompt rendered and sent
/// through the gateway, a model call, a fake in tests) and persists each result from `onResult`,
/// which is what makes a run resumable: pass the indices already stored as `finished` and only the
/// rest are run. On cancellation no new items start, and items interrupted mid-call are not reported,
/// so a resumed run does them again.
public struct ExperimentRunner: Sendable {
    /// Produces the output for one item.
    public typealias Target = @Sendable (DatasetItem) async throws -> TargetOutput

    public let plan: ExperimentPlan
    let scorers: [any ItemScorer]

    /// A runner for `plan` whose metrics are all built-in, made by `MetricCatalog` (options such as a
    /// regex pattern or a schema come from `options`).
    public init(plan: ExperimentPlan, options: MetricCatalog.Options = MetricCatalog.Options()) throws {
        self.plan = plan
        scorers = try plan.metrics.map { MetricScorer(try MetricCatalog.make($0, options: options)) }
    }

    /// A runner with text metrics built by the caller.
    public init(plan: ExperimentPlan, metrics: [any Metric]) {
        self.init(plan: plan, scorers: metrics.map(MetricScorer.init))
    }

    /// A runner with scorers built by the caller (LLM judges, external scorers, text metrics).
    public init(plan: ExperimentPlan, scorers: [any ItemScorer]) {
        self.plan = plan
        self.scorers = scorers
    }

    /// Runs every item whose index is not in `finished`, at most `plan.concurrency` at a time.
    /// `onResult` and `progress` are called one at a time, in completion order, from the calling task.
    /// Returns this run's results ordered by item index.
    public func run(items: [DatasetItem], finished: Set<Int> = [], target: @escaping Target,
                    progress: (ExperimentProgress) -> Void = { _ in },
                    onResult: (ExperimentItemResult) async -> Void = { _ in }) async -> [ExperimentItemResult] {
        let pending = items.indices.filter { !finished.contains($0) }
        var state = ExperimentProgress(completed: 0, failed: 0, total: pending.count, skipped: items.count - pending.count)
        var results: [ExperimentItemResult] = []
        results.reserveCapacity(pending.count)
        let scorers = self.scorers
        await withTaskGroup(of: ExperimentItemResult?.self) { group in
            var next = pending.makeIterator()
            func launch() -> Bool {
                guard !Task.isCancelled, let index = next.next() else { return false }
                let item = items[index]
                group.addTask { await Self.runItem(index, item, target: target, scorers: scorers) }
                return true
            }
            for _ in 0..<plan.concurrency where !launch() { break }
            while let result = await group.next() {
                if let result {
                    results.append(result)
                    state.completed += 1
                    if !result.succeeded { state.failed += 1 }
                    await onResult(result)
                    progress(state)
                }
                _ = launch()
            }
        }
        return results.sorted { $0.item < $1.item }
    }

    /// One item: call the target, then score with every scorer. Nil when cancelled mid-call or mid-scoring.
    static func runItem(_ index: Int, _ item: DatasetItem, target: Target, scorers: [any ItemScorer]) async -> ExperimentItemResult? {
        let output: TargetOutput
        do {
            output = try await target(item)
        } catch is CancellationError {
            return nil
        } catch {
            if Task.isCancelled { return nil }
            return ExperimentItemResult(item: index, error: "\(error)")
        }
        let subject = ScoringSubject(item: item, output: output.text)
        var scores: [String: MetricScore] = [:]
        var scoreErrors: [String: String] = [:]
        for scorer in scorers {
            do {
                scores[scorer.name] = try await scorer.score(subject)
            } catch {
                if error is CancellationError || Task.isCancelled { return nil }
                scoreErrors[scorer.name] = "\(error)"
            }
        }
        return ExperimentItemResult(item: index, output: output, scores: scores, scoreErrors: scoreErrors)
    }
}

extension Array where Element == ExperimentItemResult {
    /// The scores of `metric` by item index, for `PairedComparison(baseline:candidate:)`;
    /// items that failed or could not be scored are absent.
    public func scores(_ metric: String) -> [Int: Double] {
        var out: [Int: Double] = [:]
        for result in self { if let value = result.score(metric) { out[result.item] = value } }
        return out
    }

    /// The mean of `metric` over the items that have it, or nil when none do.
    public func mean(_ metric: String) -> Double? {
        let values = compactMap { $0.score(metric) }
        return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }
}
