import Foundation
import OpsCore
@testable import OpsServer
import OpsTesting
import XCTest

/// The retention service as the server builds it from `retention:` and `projects[i].retention`, run
/// once against rows planted at old times (a manual clock, no sleeps), on SQLite and PostgreSQL:
/// what is past its project's retention goes in bounded batches, the rest stays, every deleted row
/// is counted in `/metrics` and each project's run is in its audit log.
final class RetentionServiceTests: XCTestCase {
    /// On PostgreSQL the month that ended before every project's cutoff is dropped whole, so one
    /// batch fewer is deleted row by row: `partitioned` says which store runs.
    private func purge(storageURL: String? = nil, partitioned: Bool = false) async throws {
        let gw = try await GatewayHarness.start(storageURL: storageURL) { config in
            config.retention.policy = RetentionPolicy(days: [.traces: 30, .scores: 90])
            config.retention.batchSize = 2
            config.projects = [ProjectLimitsConfig(name: "alpha"), ProjectLimitsConfig(name: "beta")]
            config.projects[1].retention = RetentionPolicy(days: [.traces: 7, .scores: 0])
        }
        addTeardownBlock { await gw.stop() }
        let services = gw.server.services, store = services.store
        let clock = ManualClock(Date(timeIntervalSince1970: 1_780_000_000))
        let day = 86_400.0
        func trace(_ id: String, _ project: String, daysAgo: Double) -> Trace {
            var trace = StoreFixtures.trace(id: id, project: project, at: 0)
            trace.createdAt = Date(epochMicros: clock.now().addingTimeInterval(-daysAgo * day).epochMicros)
            return trace
        }
        try await store.insertTraces((0..<5).map { trace("a-old-\($0)", "alpha", daysAgo: 31 + Double($0)) }
                                     + [trace("a-new", "alpha", daysAgo: 10), trace("b-old", "beta", daysAgo: 8),
                                        trace("b-new", "beta", daysAgo: 6),
                                        trace("a-march", "alpha", daysAgo: 70), trace("b-march", "beta", daysAgo: 70)])
        func score(_ id: String, _ project: String, daysAgo: Double) -> Score {
            Score(id: id, project: project, target: .trace("a-new"), name: "thumbs", value: .boolean(true), source: .api,
                  author: "key", createdAt: clock.now().addingTimeInterval(-daysAgo * day))
        }
        try await store.insertScores([score("s-old", "alpha", daysAgo: 91), score("s-new", "alpha", daysAgo: 89),
                                      score("s-beta", "beta", daysAgo: 400)])

        XCTAssertTrue(services.backgroundServices.contains { $0 is RetentionService }, "the server runs it")
        // The server's service, with the manual clock and a sleep that only counts.
        let production = services.retention
        var service = RetentionService(store: production.store, config: production.config, projects: production.projects,
                                       clock: clock, metrics: production.metrics, audit: production.audit, logger: production.logger)
        let counter = PauseCounter()
        service.sleep = { _ in counter.add() }
        let report = try await service.purgeOnce()
        let pauses = counter.count
        XCTAssertEqual(report["alpha"], ["traces": 6, "generations": 6, "scores": 1])
        XCTAssertEqual(report["beta"], ["traces": 2, "generations": 2], "beta keeps traces 7 days and scores forever")
        // A pause after each full batch of two: alpha's six expired traces and beta's two make three
        // and one; on PostgreSQL March's partition (a trace of each, 70 days old) went whole first.
        XCTAssertEqual(pauses, partitioned ? 2 : 4)
        for id in ["a-new", "b-new"] {
            let kept = try await store.trace(id: id, project: id.hasPrefix("a") ? "alpha" : "beta")
            XCTAssertNotNil(kept, id)
        }
        for (id, project) in [("a-old-0", "alpha"), ("a-old-4", "alpha"), ("b-old", "beta"), ("a-march", "alpha"), ("b-march", "beta")] {
            let gone = try await store.trace(id: id, project: project)
            XCTAssertNil(gone, id)
        }
        let alphaScores = try await store.scores(project: "alpha", target: .trace("a-new"))
        XCTAssertEqual(alphaScores.map(\.id), ["s-new"])
        let betaScores = try await store.scores(project: "beta", target: .trace("a-new"))
        XCTAssertEqual(betaScores.map(\.id), ["s-beta"])
        let second = try await service.purgeOnce()
        XCTAssertEqual(second, [:], "a second pass finds nothing due")

        let metrics = try await gw.get("/metrics", key: nil).text
        XCTAssertTrue(metrics.contains(#"llmops_retention_deleted_total{table="traces"} 8"#), metrics)
        XCTAssertTrue(metrics.contains(#"llmops_retention_deleted_total{table="scores"} 1"#))
        let audit = try await gw.get("/api/audit?action=retention.run", key: gw.admin)
        let entries = audit.json["data"]?.arrayValue ?? []
        XCTAssertEqual(entries.count, 1, audit.text)
        XCTAssertEqual(entries.first?["actor"], "system")
        XCTAssertEqual(entries.first?["detail"]?["deleted"]?["traces"], 6)
    }

    func testPurgeOnSQLite() async throws {
        try await purge()
    }

    func testPurgeOnPostgres() async throws {
        let environment = ProcessInfo.processInfo.environment
        if environment["LLMOPS_SKIP_POSTGRES"] == "1" { throw XCTSkip("LLMOPS_SKIP_POSTGRES=1") }
        guard let base = environment["LLMOPS_TEST_POSTGRES_URL"] else {
            throw OpsError(.unavailable, "LLMOPS_TEST_POSTGRES_URL is not set: run `bash scripts/start-postgres.sh` and export its URL")
        }
        try await purge(storageURL: base + (base.contains("?") ? "&" : "?") + "schema=retention_" + Identifier.hex(bytes: 6),
                        partitioned: true)
    }

    func testBadRetentionIsAConfigErrorNamingTheKey() throws {
        for (yaml, key) in [("retention: { traces_days: -1 }", "retention.traces_days"),
                            ("retention: { scores_days: 36501 }", "retention.scores_days"),
                            ("retention: { batch: 0 }", "retention.batch"),
                            ("retention: { audit_days: 30 }", "retention.audit_days"),
                            ("projects: [{ name: a, retention: { traces_days: 1e9 } }]", "projects[0].retention.traces_days"),
                            ("projects: [{ name: a, retention: { experiments_days: x } }]", "projects[0].retention.experiments_days")] {
            let path = NSTemporaryDirectory() + "retention-\(Identifier.hex(bytes: 4)).yaml"
            try yaml.write(toFile: path, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: path) }
            XCTAssertThrowsError(try ConfigLoader.load(path: path, environment: [:]), yaml) { error in
                XCTAssertEqual((error as? ConfigError)?.key, key, "\(error)")
            }
        }
        let path = NSTemporaryDirectory() + "retention-\(Identifier.hex(bytes: 4)).yaml"
        try "retention: { traces_days: 30, experiments_days: 365 }\nprojects: [{ name: support, retention: { traces_days: 7 } }]\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let config = try ConfigLoader.load(path: path, environment: ["LLMOPS_RETENTION_SCORES_DAYS": "90"])
        let support = config.projects[0].retention.over(config.retention.policy)
        XCTAssertEqual(support.days, [.traces: 7, .scores: 90, .experiments: 365])
    }
}

/// Counts the pauses the service takes between batches.
private final class PauseCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func add() { lock.withLock { value += 1 } }
    var count: Int { lock.withLock { value } }
}
