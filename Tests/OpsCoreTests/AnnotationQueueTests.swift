import Foundation
import OpsCore
import XCTest

/// Queue items' lease and closing rules, progress counting, queue and addition bodies, trace filters.
final class AnnotationQueueTests: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_767_225_600)

    func testLeasesAndClosingRules() {
        let leased = QueueItem(queueID: "q", position: 0, target: .trace("t"), state: .leased, reviewer: "a",
                               leaseExpiresAt: now.addingTimeInterval(60))
        XCTAssertTrue(leased.isLeased(at: now))
        XCTAssertFalse(leased.isAvailable(at: now))
        XCTAssertTrue(leased.isAvailable(at: now.addingTimeInterval(60)), "a lease ends at its expiry")
        XCTAssertNil(leased.closingError(by: "a", at: now))
        XCTAssertEqual(leased.closingError(by: "b", at: now)?.code, "item_leased")
        XCTAssertEqual(leased.closingError(by: "b", at: now)?.kind, .conflict)
        XCTAssertNil(leased.closingError(by: "b", at: now.addingTimeInterval(61)), "an abandoned item may be closed by anyone")
        let done = leased.closed(as: .completed, by: "a", at: now)
        XCTAssertEqual(done.closingError(by: "a", at: now)?.code, "item_already_completed")
        XCTAssertNil(done.leaseExpiresAt)
        let skipped = leased.closed(as: .skipped, by: "a", at: now)
        XCTAssertNil(skipped.closingError(by: "b", at: now), "a skipped item may still be scored")
        XCTAssertFalse(skipped.isAvailable(at: now), "but it is not handed out again")
    }

    func testProgressCountsExpiredLeasesAsPending() {
        let items = [
            QueueItem(queueID: "q", position: 0, target: .trace("a")),
            QueueItem(queueID: "q", position: 1, target: .trace("b"), state: .leased, reviewer: "r", leaseExpiresAt: now.addingTimeInterval(5)),
            QueueItem(queueID: "q", position: 2, target: .trace("c"), state: .leased, reviewer: "r", leaseExpiresAt: now),
            QueueItem(queueID: "q", position: 3, target: .trace("d"), state: .completed),
            QueueItem(queueID: "q", position: 4, target: .trace("e"), state: .skipped),
        ]
        XCTAssertEqual(QueueProgress(items: items, at: now), QueueProgress(total: 5, pending: 2, leased: 1, completed: 1, skipped: 1))
        XCTAssertEqual(QueueProgress(items: items, at: now).done, 2)
    }

    func testQueueBodies() throws {
        let byIDs = try QueueRequest(json: ["name": "Week 3", "score_definitions": ["stars"], "trace_ids": ["t1", "t2"]])
        XCTAssertEqual(byIDs.source, .traceIDs(["t1", "t2"]))
        XCTAssertEqual(byIDs.leaseSeconds, AnnotationQueue.defaultLeaseSeconds)
        let byFilter = try QueueRequest(json: ["name": "Errors", "score_definitions": ["stars"], "trace_filter": ["status": "error", "from": 1767225600]])
        XCTAssertEqual(byFilter.source, .traceFilter(["status": "error", "from": "1767225600"]))
        let byRun = try QueueRequest(json: ["name": "Run", "score_definitions": ["stars"], "run_id": "run_1", "lease_seconds": 30])
        XCTAssertEqual(byRun.source, .experimentRun("run_1"))
        XCTAssertEqual(byRun.leaseSeconds, 30)
        for (body, param) in [(["name": "", "score_definitions": ["s"], "run_id": "r"], "name"),
                              (["name": "n", "score_definitions": [1], "run_id": "r"], "score_definitions[0]"),
                              (["name": "n", "score_definitions": ["s"], "trace_ids": ["t", ""]], "trace_ids[1]"),
                              (["name": "n", "score_definitions": ["s"], "trace_filter": ["tag": ["x"]]], "trace_filter.tag"),
                              (["name": "n", "score_definitions": ["s"], "run_id": "r", "lease_seconds": 100_000], "lease_seconds")]
            as [(JSONValue, String)] {
            XCTAssertThrowsError(try QueueRequest(json: body), "\(body)") { XCTAssertEqual(($0 as? OpsError)?.param, param) }
        }
    }

    func testTraceFiltersReadLikeTheTracesAPI() throws {
        let query = try TraceQuery(project: "p", filters: ["model": "m", "status": "error", "tag": "vip", "prompt": "qa@3",
                                                           "from": "2026-01-01T00:00:00Z", "session_id": "s"])
        XCTAssertEqual(query.model, "m")
        XCTAssertEqual(query.status, .error)
        XCTAssertEqual(query.promptName, "qa")
        XCTAssertEqual(query.promptVersion, 3)
        XCTAssertEqual(query.from, ISO8601Timestamp.parse("2026-01-01T00:00:00Z"))
        XCTAssertEqual(query.sessionID, "s")
        for (filters, param) in [(["to": "soon"], "f.to"), (["prompt": "qa@prod"], "f.prompt"), (["colour": "red"], "f.colour")] {
            XCTAssertThrowsError(try TraceQuery(project: "p", filters: filters, paramPrefix: "f.")) {
                XCTAssertEqual(($0 as? OpsError)?.param, param)
            }
        }
    }

    func testAdditionBodiesAndWhichQueueTakesThem() throws {
        XCTAssertEqual(try QueueAddition(json: ["trace_ids": ["t1"]]).source, .traceIDs(["t1"]))
        XCTAssertEqual(try QueueAddition(json: ["run_id": "run_2"]).source, .experimentRun("run_2"))
        for (body, param) in [(JSONValue.object(JSONObject()), "trace_ids"), (["trace_ids": ["t"], "trace_filter": [:]], "trace_filter"),
                              (["trace_ids": ["t"], "name": "q"], "name"), (["trace_ids": ["t", "t"]], "trace_ids[1]")] {
            XCTAssertThrowsError(try QueueAddition(json: body)) { XCTAssertEqual(($0 as? OpsError)?.param, param, "\(body)") }
        }
        let traces = AnnotationQueue(project: "p", name: "T", scoreNames: ["s"], itemCount: 1, author: "k", createdAt: now)
        let items = AnnotationQueue(project: "p", name: "R", scoreNames: ["s"], runID: "run_1", itemCount: 1, author: "k", createdAt: now)
        XCTAssertNil(traces.additionError(.traceIDs(["t"])))
        XCTAssertNil(traces.additionError(.traceFilter([:])))
        XCTAssertNil(items.additionError(.experimentRun("run_2")), "a queue of run items takes another run's items")
        XCTAssertEqual(traces.additionError(.experimentRun("run_1"))?.param, "run_id")
        XCTAssertEqual(items.additionError(.traceFilter([:]))?.code, "queue_kind_mismatch")
        XCTAssertEqual(items.additionError(.traceFilter([:]))?.param, "trace_filter")
    }
}

