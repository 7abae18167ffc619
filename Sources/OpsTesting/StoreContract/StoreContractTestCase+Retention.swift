import Foundation
import OpsCore
import XCTest

extension StoreContractTestCase {
    static func score(_ id: String, project: String = "alpha", trace: String, at seconds: Double) -> Score {
        Score(id: id, project: project, target: .trace(trace), name: "thumbs", value: .boolean(true), source: .api,
              author: "key_u", createdAt: StoreFixtures.date(secondsAfterEpoch: seconds))
    }

    /// Retention deletes the oldest records before the cutoff, at most `limit` per call, with the rows
    /// that belong to them, and reports the rows per table; other projects and newer records stay.
    public func contractRetentionPurge() async throws {
        let alpha = (0..<10).map { StoreFixtures.trace(id: String(format: "t-%02d", $0), at: Double($0)) }
        let beta = (0..<3).map { StoreFixtures.trace(id: "b-\($0)", project: "beta", at: Double($0)) }
        try await store.insertTraces(alpha + beta)
        let cutoff = StoreFixtures.date(secondsAfterEpoch: 5)

        let first = try await store.purgeExpired(.traces, project: "alpha", before: cutoff, limit: 3)
        XCTAssertEqual(first, ["traces": 3, "generations": 3])
        let afterFirst = try await listedIDs(TraceQuery(project: "alpha", limit: 100))
        XCTAssertEqual(afterFirst.sorted(), (3..<10).map { String(format: "t-%02d", $0) }, "the oldest went first")
        let second = try await store.purgeExpired(.traces, project: "alpha", before: cutoff, limit: 3)
        XCTAssertEqual(second, ["traces": 2, "generations": 2], "only what is older than the cutoff")
        let third = try await store.purgeExpired(.traces, project: "alpha", before: cutoff, limit: 3)
        XCTAssertEqual(third, [:], "nothing more is due")
        let kept = try await store.trace(id: "t-05", project: "alpha")
        XCTAssertEqual(kept?.generations.count, 1, "a trace at the cutoff stays, with its generation")
        let gone = try await store.trace(id: "t-04", project: "alpha")
        XCTAssertNil(gone)
        let betaLeft = try await listedIDs(TraceQuery(project: "beta", limit: 100))
        XCTAssertEqual(betaLeft.count, 3, "another project's traces are untouched")

        try await store.insertScores([Self.score("s-1", trace: "t-09", at: 1), Self.score("s-2", trace: "t-09", at: 2),
                                      Self.score("s-8", trace: "t-09", at: 8), Self.score("s-b", project: "beta", trace: "b-0", at: 1)])
        let scores = try await store.purgeExpired(.scores, project: "alpha", before: cutoff, limit: 100)
        XCTAssertEqual(scores, ["scores": 2])
        let alphaScores = try await store.scores(project: "alpha", target: .trace("t-09"))
        XCTAssertEqual(alphaScores.map(\.id), ["s-8"])
        let betaScores = try await store.scores(project: "beta", target: .trace("b-0"))
        XCTAssertEqual(betaScores.map(\.id), ["s-b"])

        try await store.createRun(Self.experimentRun(id: "run_old", at: 1))
        try await store.createRun(Self.experimentRun(id: "run_new", at: 8))
        try await store.createRun(Self.experimentRun(id: "run_beta", project: "beta", at: 1))
        try await store.saveItems(runID: "run_old", project: "alpha", items: [ExperimentItemRecord(item: 0, output: "a"),
                                                                               ExperimentItemRecord(item: 1, output: "b")])
        try await store.saveItems(runID: "run_new", project: "alpha", items: [ExperimentItemRecord(item: 0, output: "c")])
        let runs = try await store.purgeExpired(.experiments, project: "alpha", before: cutoff, limit: 100)
        XCTAssertEqual(runs, ["experiment_runs": 1, "experiment_items": 2])
        let oldRun = try await store.run(id: "run_old", project: "alpha")
        XCTAssertNil(oldRun)
        let newItems = try await store.items(runID: "run_new", project: "alpha")
        XCTAssertEqual(newItems.map(\.output), ["c"])
        let betaRun = try await store.run(id: "run_beta", project: "beta")
        XCTAssertNotNil(betaRun)
    }
}
