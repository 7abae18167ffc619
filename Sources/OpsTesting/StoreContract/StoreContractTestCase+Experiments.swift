import Foundation
import OpsCore
import XCTest

extension StoreContractTestCase {
    static func experimentRun(id: String, project: String = "alpha", at seconds: Double, items: Int = 3) -> ExperimentRun {
        ExperimentRun(id: id, project: project, dataset: "qa", datasetVersion: String(repeating: "ab", count: 32),
                      itemCount: items, plan: JSONObject([("target", ["type": "prompt", "prompt": "support", "version": 2]),
                                                          ("metrics", ["bleu", "exact"]), ("concurrency", 4)]),
                      author: "key_1", createdAt: StoreFixtures.date(secondsAfterEpoch: seconds))
    }

    /// Runs and item results round-trip; saving an item again replaces it; a run finishes with its summary.
    public func contractExperimentRuns() async throws {
        let run = Self.experimentRun(id: "run_1", at: 1)
        try await store.createRun(run)
        try await store.createRun(Self.experimentRun(id: "run_2", at: 2))
        try await store.createRun(Self.experimentRun(id: "run_beta", project: "beta", at: 3))
        let read = try await store.run(id: "run_1", project: "alpha")
        XCTAssertEqual(read, run)
        XCTAssertEqual(read?.plan.keys, ["target", "metrics", "concurrency"])
        let listed = try await store.runs(project: "alpha", limit: 10)
        XCTAssertEqual(listed.map(\.id), ["run_2", "run_1"], "newest first")
        let limited = try await store.runs(project: "alpha", limit: 1)
        XCTAssertEqual(limited.map(\.id), ["run_2"])
        let foreign = try await store.run(id: "run_1", project: "beta")
        XCTAssertNil(foreign, "one project never sees another's runs")

        let full = ExperimentItemRecord(item: 2, output: "Paris ✓\n", latency: 0.125, usage: Usage(promptTokens: 12, completionTokens: 3),
                                        cost: 0.0004, traceID: "trace-1", scores: JSONObject([("bleu", 42.5), ("exact", 1), ("judge:qa", 4)]),
                                        scoreReasons: JSONObject([("judge:qa", "Correct, but terse ✓\n\"quoted\"")]))
        let failed = ExperimentItemRecord(item: 0, error: "upstream 502")
        let partial = ExperimentItemRecord(item: 1, output: "", latency: 0.5,
                                           scores: JSONObject([("exact", 0)]), scoreErrors: JSONObject([("bleu", "needs a reference")]))
        try await store.saveItems(runID: "run_1", project: "alpha", items: [full, failed])
        try await store.saveItems(runID: "run_1", project: "alpha", items: [partial])
        var items = try await store.items(runID: "run_1", project: "alpha")
        XCTAssertEqual(items, [failed, partial, full], "by item index, every field as saved")
        XCTAssertEqual(items[2].scoreReasons["judge:qa"], "Correct, but terse ✓\n\"quoted\"", "reasons are kept with their scores")
        let retried = ExperimentItemRecord(item: 0, output: "ok", latency: 1, scores: JSONObject([("exact", 1)]))
        try await store.saveItems(runID: "run_1", project: "alpha", items: [retried])
        items = try await store.items(runID: "run_1", project: "alpha")
        XCTAssertEqual(items.map(\.item), [0, 1, 2], "saving an item again replaces it")
        XCTAssertEqual(items.first, retried)
        let none = try await store.items(runID: "run_2", project: "alpha")
        XCTAssertEqual(none, [])
        let foreignItems = try await store.items(runID: "run_1", project: "beta")
        XCTAssertEqual(foreignItems, [])

        let summary = JSONObject([("bleu", 42.5), ("passed", true)])
        let finishedAt = StoreFixtures.date(secondsAfterEpoch: 10)
        let finished = try await store.finishRun(id: "run_1", project: "alpha", summary: summary, at: finishedAt)
        XCTAssertTrue(finished)
        let after = try await store.run(id: "run_1", project: "alpha")
        XCTAssertEqual(after?.status, .finished)
        XCTAssertEqual(after?.summary, summary)
        XCTAssertEqual(after?.finishedAt, finishedAt)
        let foreignFinish = try await store.finishRun(id: "run_1", project: "beta", summary: summary, at: finishedAt)
        XCTAssertFalse(foreignFinish)
    }

    /// Items of a missing run, another project's run or past the dataset's end are rejected whole.
    public func contractExperimentItemErrors() async throws {
        try await store.createRun(Self.experimentRun(id: "run_1", at: 1, items: 2))
        let missing = await assertThrows("a missing run") {
            try await self.store.saveItems(runID: "run_nope", project: "alpha", items: [ExperimentItemRecord(item: 0)])
        }
        XCTAssertEqual((missing as? OpsError)?.kind, .notFound)
        let foreign = await assertThrows("another project's run") {
            try await self.store.saveItems(runID: "run_1", project: "beta", items: [ExperimentItemRecord(item: 0)])
        }
        XCTAssertEqual((foreign as? OpsError)?.code, "run_not_found")
        let outOfRange = await assertThrows("an index past the end") {
            try await self.store.saveItems(runID: "run_1", project: "alpha",
                                           items: [ExperimentItemRecord(item: 1), ExperimentItemRecord(item: 2)])
        }
        XCTAssertEqual((outOfRange as? OpsError)?.param, "items[1].item")
        let items = try await store.items(runID: "run_1", project: "alpha")
        XCTAssertEqual(items, [], "a rejected batch stores nothing")
    }
}
