import Foundation
import OpsCore
import XCTest

extension StoreContractTestCase {
    /// An item made from a trace, as "add to dataset" makes it: the trace id in its metadata.
    static func derivedItem(from trace: String) -> DatasetItem {
        DatasetItem(input: .string("question of \(trace)"), expectedOutput: .string("answer"),
                    metadata: JSONObject([("trace_id", .string(trace))]))
    }

    /// Erasing an end user removes their traces with generations, the scores and queue items on
    /// them and every dataset version holding an item made from them, in their project only, and
    /// counts the rows; the other user's records and another project's stay whole.
    public func contractEndUserErasure() async throws {
        let user = "user-ü ✓", other = "other-user"
        let u1 = StoreFixtures.trace(id: "u-1", at: 1, user: user), u2 = StoreFixtures.fullTrace(id: "u-2", at: 2)
        var u2Named = u2
        u2Named.user = user
        let v1 = StoreFixtures.trace(id: "v-1", at: 3, user: other)
        let betaU = StoreFixtures.trace(id: "bu-1", project: "beta", at: 4, user: user)
        try await store.insertTraces([u1, u2Named, v1, betaU])
        try await store.insertScores([Self.score("s-u", trace: "u-1", at: 1), Self.score("s-v", trace: "v-1", at: 2),
                                      Self.score("s-bu", project: "beta", trace: "bu-1", at: 3)])
        try await store.createQueue(Self.queue(items: 2), targets: [.trace("u-2"), .trace("v-1")])
        let imported = DatasetItem(input: .string("imported"), expectedOutput: .string("x"))
        let head = try await store.createVersion(project: "alpha", dataset: "qa", items: [imported], author: "k", message: "import")
        _ = try await store.createVersion(project: "alpha", dataset: "qa", items: [imported, Self.derivedItem(from: "u-1")],
                                          author: "k", message: "from traces")
        _ = try await store.createVersion(project: "alpha", dataset: "qa",
                                          items: [imported, Self.derivedItem(from: "u-1"), Self.derivedItem(from: "v-1")],
                                          author: "k", message: "from traces")
        let others = try await store.createVersion(project: "alpha", dataset: "others", items: [Self.derivedItem(from: "v-1")],
                                                   author: "k", message: "from traces")
        let betaSet = try await store.createVersion(project: "beta", dataset: "qa", items: [Self.derivedItem(from: "u-1")],
                                                    author: "k", message: "same id, other project")

        let queued = try await store.queueItems(project: "alpha", traceIDs: ["u-1", "u-2"])
        XCTAssertEqual(queued.map(\.position), [0])
        let queuedElsewhere = try await store.queueItems(project: "beta", traceIDs: ["u-1", "u-2"])
        XCTAssertEqual(queuedElsewhere, [], "another project's queues are not searched")

        let counts = try await store.eraseEndUser(project: "alpha", user: user)
        XCTAssertEqual(counts, ["traces": 2, "generations": 3, "scores": 1, "queue_items": 1, "dataset_versions": 2,
                                "dataset_items": 5])
        for id in ["u-1", "u-2"] {
            let gone = try await store.trace(id: id, project: "alpha")
            XCTAssertNil(gone, id)
        }
        let byUser = try await listedIDs(TraceQuery(project: "alpha", user: user, limit: 100))
        XCTAssertEqual(byUser, [])
        let kept = try await store.trace(id: "v-1", project: "alpha")
        XCTAssertEqual(kept, v1, "the other user's trace is whole, generations included")
        let uScores = try await store.scores(project: "alpha", target: .trace("u-1"))
        XCTAssertEqual(uScores, [])
        let vScores = try await store.scores(project: "alpha", target: .trace("v-1"))
        XCTAssertEqual(vScores.map(\.id), ["s-v"])
        let erasedItem = try await store.queueItem(queueID: "queue_1", project: "alpha", position: 0)
        XCTAssertNil(erasedItem)
        let keptItem = try await store.queueItem(queueID: "queue_1", project: "alpha", position: 1)
        XCTAssertEqual(keptItem?.target, .trace("v-1"))
        let progress = try await store.queueProgress(id: "queue_1", project: "alpha", at: Self.at(10))
        XCTAssertEqual(progress?.total, 1, "the queue counts the items it still holds")
        let added = try await store.appendQueueItems(queueID: "queue_1", project: "alpha", targets: [.trace("t-new")])
        XCTAssertEqual(added.map(\.position), [2], "positions are never given twice")
        let versions = try await store.versions(project: "alpha", dataset: "qa")
        XCTAssertEqual(versions.map(\.hash), [head.hash], "every version holding an erased trace's item is gone")
        let othersKept = try await store.latestVersion(project: "alpha", dataset: "others")
        XCTAssertEqual(othersKept, others)

        let betaTrace = try await store.trace(id: "bu-1", project: "beta")
        XCTAssertEqual(betaTrace, betaU, "the same user name in another project is another person's")
        let betaScores = try await store.scores(project: "beta", target: .trace("bu-1"))
        XCTAssertEqual(betaScores.map(\.id), ["s-bu"])
        let betaVersion = try await store.latestVersion(project: "beta", dataset: "qa")
        XCTAssertEqual(betaVersion, betaSet)

        let again = try await store.eraseEndUser(project: "alpha", user: user)
        XCTAssertEqual(again, Dictionary(uniqueKeysWithValues: ["traces", "generations", "scores", "queue_items",
                                                                "dataset_versions", "dataset_items"].map { ($0, 0) }),
                       "a second erasure finds nothing")
    }
}
