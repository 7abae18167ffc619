import Foundation
import OpsCore
import XCTest

extension StoreContractTestCase {
    /// Each filter alone, and all of them together, select exactly the matching traces.
    public func contractEveryFilter() async throws {
        typealias F = StoreFixtures
        try await store.insertTraces([
            F.trace(id: "t1", at: 10, model: "gpt-4o", status: .ok, user: "ann", session: "s1", tags: ["prod", "eu"]),
            F.trace(id: "t2", at: 20, model: "gpt-4o-mini", status: .error, user: "bob", session: "s1", tags: ["prod"]),
            F.trace(id: "t3", at: 30, model: "gpt-4o", status: .error, user: "ann", session: "s2", tags: ["dev"]),
            F.trace(id: "t4", at: 40, model: "claude", status: .ok, user: nil, session: nil, tags: []),
            F.trace(id: "t5", at: 50, model: "gpt-4o", status: .ok, user: "ann", session: "s2", tags: ["prodx", "eu"]),
            F.trace(id: "other", project: "beta", at: 30, model: "gpt-4o", user: "ann", session: "s1", tags: ["prod"]),
        ])
        func ids(_ configure: (inout TraceQuery) -> Void) async throws -> [String] {
            var query = TraceQuery(project: "alpha")
            configure(&query)
            return try await listedIDs(query)
        }
        let all = try await ids { _ in }
        XCTAssertEqual(all, ["t5", "t4", "t3", "t2", "t1"])
        let from = try await ids { $0.from = F.date(secondsAfterEpoch: 30) }
        XCTAssertEqual(from, ["t5", "t4", "t3"], "from is inclusive")
        let to = try await ids { $0.to = F.date(secondsAfterEpoch: 30) }
        XCTAssertEqual(to, ["t2", "t1"], "to is exclusive")
        let range = try await ids { $0.from = F.date(secondsAfterEpoch: 20); $0.to = F.date(secondsAfterEpoch: 40) }
        XCTAssertEqual(range, ["t3", "t2"])
        let model = try await ids { $0.model = "gpt-4o" }
        XCTAssertEqual(model, ["t5", "t3", "t1"], "model matches exactly, not by prefix")
        let errors = try await ids { $0.status = .error }
        XCTAssertEqual(errors, ["t3", "t2"])
        let oks = try await ids { $0.status = .ok }
        XCTAssertEqual(oks, ["t5", "t4", "t1"])
        let user = try await ids { $0.user = "ann" }
        XCTAssertEqual(user, ["t5", "t3", "t1"])
        let session = try await ids { $0.sessionID = "s1" }
        XCTAssertEqual(session, ["t2", "t1"])
        let tag = try await ids { $0.tag = "prod" }
        XCTAssertEqual(tag, ["t2", "t1"], "a tag matches whole elements, not substrings")
        let eu = try await ids { $0.tag = "eu" }
        XCTAssertEqual(eu, ["t5", "t1"])
        let none = try await ids { $0.tag = "missing" }
        XCTAssertEqual(none, [])
        let combined = try await ids {
            $0.model = "gpt-4o"; $0.user = "ann"; $0.tag = "eu"; $0.status = .ok; $0.to = F.date(secondsAfterEpoch: 50)
        }
        XCTAssertEqual(combined, ["t1"])
    }

    /// Pages of 7 over 25 traces, most sharing one timestamp: no duplicates, no gaps, newest first.
    public func contractPaginationWithEqualTimestamps() async throws {
        var batch: [Trace] = []
        for i in 0..<25 {
            // Ten distinct times, several traces each: ties are broken by id.
            batch.append(StoreFixtures.trace(id: String(format: "p%02d", (i * 7) % 25), at: Double(i % 10), tags: ["x"]))
        }
        try await store.insertTraces(batch)
        let expected = batch.sorted { ($0.createdAt.epochMicros, $0.id) > ($1.createdAt.epochMicros, $1.id) }.map(\.id)
        let pages = try await allPages(TraceQuery(project: "alpha", tag: "x", limit: 7))
        XCTAssertEqual(pages.map(\.count), [7, 7, 7, 4])
        XCTAssertEqual(pages.flatMap { $0.map(\.id) }, expected)
        XCTAssertEqual(Set(pages.flatMap { $0.map(\.id) }).count, 25)
        XCTAssertTrue(pages.allSatisfy { $0.allSatisfy { $0.generations.count == 1 } },
                      "every listed trace carries its generations")

        let exact = try await allPages(TraceQuery(project: "alpha", limit: 5))
        XCTAssertEqual(exact.map(\.count), [5, 5, 5, 5, 5], "no empty trailing page when the count divides evenly")
    }

    /// Limits below 1 list one trace; limits above 1000 list at most 1000.
    public func contractLimitIsClamped() async throws {
        try await store.insertTraces((0..<1003).map { StoreFixtures.trace(id: String(format: "c%04d", $0), at: Double($0)) })
        let zero = try await store.listTraces(TraceQuery(project: "alpha", limit: 0))
        XCTAssertEqual(zero.traces.map(\.id), ["c1002"])
        XCTAssertNotNil(zero.nextCursor)
        let huge = try await store.listTraces(TraceQuery(project: "alpha", limit: 5000))
        XCTAssertEqual(huge.traces.count, 1000)
        XCTAssertEqual(huge.traces.last?.id, "c0003")
        let rest = try await store.listTraces(TraceQuery(project: "alpha", limit: 5000, cursor: huge.nextCursor))
        XCTAssertEqual(rest.traces.map(\.id), ["c0002", "c0001", "c0000"])
        XCTAssertNil(rest.nextCursor)
    }

    /// A listed trace equals the one read by id, generations included.
    public func contractListedTracesAreComplete() async throws {
        let full = StoreFixtures.fullTrace(id: "listed-full", at: 5)
        try await store.insertTraces([full, StoreFixtures.bareTrace(id: "listed-bare", at: 4)])
        let page = try await store.listTraces(TraceQuery(project: "alpha"))
        XCTAssertEqual(page.traces.map(\.id), ["listed-full", "listed-bare"])
        XCTAssertEqual(page.traces.first, full)
        XCTAssertNil(page.nextCursor)
    }

    /// Points cover [from, to), oldest first, at most `limit`, with totals computed.
    public func contractTracePointsRange() async throws {
        typealias F = StoreFixtures
        try await store.insertTraces([
            F.trace(id: "a", at: 10, model: "m1", tokens: 100, cost: 0.5),
            F.trace(id: "b", at: 20, model: "m2", status: .error, tokens: 7, cost: 0.25),
            F.trace(id: "c", at: 30, model: "m1"),
            F.bareTrace(id: "d", at: 25),
            F.trace(id: "z", project: "beta", at: 15),
        ])
        let points = try await store.tracePoints(project: "alpha", from: F.date(secondsAfterEpoch: 10),
                                                 to: F.date(secondsAfterEpoch: 30), limit: 100)
        XCTAssertEqual(points.map(\.createdAt), [10, 20, 25].map { F.date(secondsAfterEpoch: $0) })
        XCTAssertEqual(points.first, TracePoint(createdAt: F.date(secondsAfterEpoch: 10), model: "m1", status: .ok,
                                                latencyMs: 10, ttftMs: 5, totalTokens: 100, costUSD: 0.5))
        XCTAssertEqual(points[1].status, .error)
        XCTAssertNil(points[1].ttftMs)
        XCTAssertEqual(points[2].totalTokens, 0, "a trace without usage counts zero tokens")
        XCTAssertEqual(points[2].costUSD, 0)
        let limited = try await store.tracePoints(project: "alpha", from: F.date(secondsAfterEpoch: 0),
                                                  to: F.date(secondsAfterEpoch: 100), limit: 2)
        XCTAssertEqual(limited.map(\.model), ["m1", "m2"])
        let empty = try await store.tracePoints(project: "alpha", from: F.date(secondsAfterEpoch: 31),
                                                to: F.date(secondsAfterEpoch: 100), limit: 10)
        XCTAssertEqual(empty, [])
    }
}
