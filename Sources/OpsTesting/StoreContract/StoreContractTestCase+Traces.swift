import Foundation
import OpsCore
import XCTest

extension StoreContractTestCase {
    /// The first migration applies versions in order; a second one applies nothing.
    public func contractMigrateTwiceIsNoOp() async throws {
        XCTAssertFalse(firstMigration.isEmpty, "a fresh store applies its migrations")
        XCTAssertEqual(firstMigration, firstMigration.sorted())
        XCTAssertEqual(firstMigration.first, 1)
        let again = try await store.migrate()
        XCTAssertEqual(again, [])
        try await store.ping()
    }

    /// Every field survives the round trip: unicode, nested JSON, tags, generations in order.
    public func contractRoundTripEveryField() async throws {
        let full = StoreFixtures.fullTrace(id: "trace-full", at: 1.234567)
        var nullOutput = StoreFixtures.bareTrace(id: "trace-null-output", at: 2)
        nullOutput.output = .null
        nullOutput.input = .string("just text")
        nullOutput.usage = Usage(promptTokens: 0, completionTokens: 0)
        try await store.insertTraces([full, nullOutput])

        let readFull = try await store.trace(id: full.id, project: full.project)
        XCTAssertEqual(readFull, full)
        XCTAssertEqual(readFull?.generations.map(\.id), ["trace-full-g1", "trace-full-g2"])
        XCTAssertEqual(readFull?.metadata.keys.sorted(), ["count", "customer", "nested", "ratio"])
        let readNull = try await store.trace(id: nullOutput.id, project: nullOutput.project)
        XCTAssertEqual(readNull, nullOutput, "output .null stays .null, zero usage stays zero")
    }

    /// A trace with every optional nil and no generations comes back exactly so.
    public func contractRoundTripBareTrace() async throws {
        let bare = StoreFixtures.bareTrace(id: "trace-bare", at: 3)
        try await store.insertTraces([bare])
        let read = try await store.trace(id: bare.id, project: bare.project)
        XCTAssertEqual(read, bare)
        XCTAssertNil(read?.output)
        XCTAssertNil(read?.usage)
        XCTAssertEqual(read?.generations, [])
        let missing = try await store.trace(id: "no-such-trace", project: bare.project)
        XCTAssertNil(missing)
    }

    /// Control characters round-trip; a NUL character never makes the insert fail (Postgres text
    /// cannot hold NUL, so a store may replace it, but the rest of the trace is kept).
    public func contractControlCharactersAreStored() async throws {
        var trace = StoreFixtures.bareTrace(id: "trace-control", at: 4)
        trace.error = "tab\there\nnewline\r\u{1}"
        trace.input = ["text": "a\u{0}b", "bell": "\u{7}"]
        trace.metadata = JSONObject([("k\u{0}ey", "v")])
        trace.user = "nul\u{0}user"
        try await store.insertTraces([trace])
        let read = try await store.trace(id: trace.id, project: trace.project)
        XCTAssertEqual(read?.error, trace.error)
        XCTAssertEqual(read?.input["bell"], "\u{7}")
        XCTAssertEqual(read?.input["text"]?.stringValue?.count, 3)
        XCTAssertEqual(read?.metadata.count, 1)
        XCTAssertEqual(read?.user?.count, 8)
    }

    /// One project never sees another's traces, by id or in lists.
    public func contractProjectIsolation() async throws {
        let a = StoreFixtures.trace(id: "trace-a", project: "alpha", at: 1)
        let b = StoreFixtures.trace(id: "trace-b", project: "beta", at: 2)
        try await store.insertTraces([a, b])
        let crossRead = try await store.trace(id: a.id, project: "beta")
        XCTAssertNil(crossRead)
        let ownRead = try await store.trace(id: a.id, project: "alpha")
        XCTAssertEqual(ownRead?.id, a.id)
        let alphaIDs = try await listedIDs(TraceQuery(project: "alpha"))
        XCTAssertEqual(alphaIDs, ["trace-a"])
        let betaIDs = try await listedIDs(TraceQuery(project: "beta"))
        XCTAssertEqual(betaIDs, ["trace-b"])
        let gammaIDs = try await listedIDs(TraceQuery(project: "gamma"))
        XCTAssertEqual(gammaIDs, [])
    }

    /// A batch holding a duplicate trace id stores nothing and throws, whether the duplicate is
    /// inside the batch or already stored. Generations are keyed by their trace and position, so a
    /// span id seen in another trace is stored (span ids are unique within a trace, as in OTel).
    public func contractBatchIsAtomic() async throws {
        let existing = StoreFixtures.trace(id: "trace-existing", at: 0)
        try await store.insertTraces([existing])

        let fresh = (1...5).map { StoreFixtures.trace(id: "trace-fresh-\($0)", at: Double($0)) }
        await assertThrows("duplicate inside the batch") {
            try await self.store.insertTraces(fresh + [fresh[2]])
        }
        await assertThrows("duplicate of a stored trace") {
            try await self.store.insertTraces(fresh + [existing])
        }
        let ids = try await listedIDs(TraceQuery(project: "alpha"))
        XCTAssertEqual(ids, ["trace-existing"], "failed batches left nothing behind")

        try await store.insertTraces([])
        try await store.insertTraces(fresh)
        let after = try await listedIDs(TraceQuery(project: "alpha"))
        XCTAssertEqual(after.count, 6, "the store still accepts writes after failed batches")

        var sameSpan = StoreFixtures.trace(id: "trace-same-span", at: 9)
        sameSpan.generations[0].id = existing.generations[0].id
        try await store.insertTraces([sameSpan])
        let stored = try await store.trace(id: "trace-same-span", project: "alpha")
        XCTAssertEqual(stored?.generations.first?.id, existing.generations[0].id)
    }
}

extension StoreContractTestCase {
    /// Batches written from several tasks at once all land, and reads meanwhile see whole batches.
    public func contractConcurrentBatches() async throws {
        let store = self.store!
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<6 {
                group.addTask {
                    for batch in 0..<5 {
                        let traces = (0..<20).map { i in
                            StoreFixtures.trace(id: "w\(writer)-b\(batch)-\(i)", at: Double(writer * 100 + batch * 20 + i))
                        }
                        try await store.insertTraces(traces)
                    }
                }
            }
            group.addTask {
                for _ in 0..<10 {
                    let page = try await store.listTraces(TraceQuery(project: "alpha", limit: 1000))
                    XCTAssertEqual(page.traces.count % 20, 0, "a reader never sees part of a batch")
                }
            }
            try await group.waitForAll()
        }
        let ids = try await listedIDs(TraceQuery(project: "alpha", limit: 1000))
        XCTAssertEqual(ids.count, 600)
        XCTAssertEqual(Set(ids).count, 600)
    }
}
