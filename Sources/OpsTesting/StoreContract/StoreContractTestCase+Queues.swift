import Foundation
import OpsCore
import XCTest

extension StoreContractTestCase {
    static func queue(id: String = "queue_1", project: String = "alpha", runID: String? = nil, lease: Int = 60,
                      items: Int) -> AnnotationQueue {
        AnnotationQueue(id: id, project: project, name: "Support answers — week 3", description: "Check tone and facts",
                        scoreNames: ["accuracy", "tone"], runID: runID, leaseSeconds: lease, itemCount: items, author: "key_1",
                        createdAt: StoreFixtures.date(secondsAfterEpoch: 1))
    }

    static func at(_ seconds: Double) -> Date { StoreFixtures.date(secondsAfterEpoch: seconds) }

    /// Items go out in order, one reviewer each; asking again returns the item one holds; a lease that
    /// ran out frees the item for the next reviewer; progress counts states as of the time asked.
    public func contractQueueLeasing() async throws {
        let targets: [ScoreTarget] = [.trace("t-0"), .trace("t-1"), .trace("t-2")]
        try await store.createQueue(Self.queue(items: 3), targets: targets)
        try await store.createQueue(Self.queue(id: "queue_runs", runID: "run_1", items: 2),
                                    targets: [.experimentItem(runID: "run_1", item: 0), .experimentItem(runID: "run_1", item: 1)])
        let read = try await store.queue(id: "queue_1", project: "alpha")
        XCTAssertEqual(read, Self.queue(items: 3))
        let listed = try await store.queues(project: "alpha")
        XCTAssertEqual(Set(listed.map(\.id)), ["queue_1", "queue_runs"])
        let foreign = try await store.queue(id: "queue_1", project: "beta")
        XCTAssertNil(foreign)

        let a = try await store.leaseNextItem(queueID: "queue_1", project: "alpha", reviewer: "key_a", at: Self.at(10))
        XCTAssertEqual(a?.position, 0)
        XCTAssertEqual(a?.target, .trace("t-0"))
        XCTAssertEqual(a?.state, .leased)
        XCTAssertEqual(a?.reviewer, "key_a")
        XCTAssertEqual(a?.leaseExpiresAt, Self.at(70), "leased for the queue's 60 seconds")
        let again = try await store.leaseNextItem(queueID: "queue_1", project: "alpha", reviewer: "key_a", at: Self.at(11))
        XCTAssertEqual(again?.position, 0, "asking again returns the item one already holds")
        let b = try await store.leaseNextItem(queueID: "queue_1", project: "alpha", reviewer: "key_b", at: Self.at(12))
        XCTAssertEqual(b?.position, 1)
        let held = try await store.leasedItem(queueID: "queue_1", project: "alpha", reviewer: "key_b", at: Self.at(13))
        XCTAssertEqual(held?.position, 1)
        let nothingHeld = try await store.leasedItem(queueID: "queue_1", project: "alpha", reviewer: "key_c", at: Self.at(13))
        XCTAssertNil(nothingHeld)
        var progress = try await store.queueProgress(id: "queue_1", project: "alpha", at: Self.at(13))
        XCTAssertEqual(progress, QueueProgress(total: 3, pending: 1, leased: 2))
        let c = try await store.leaseNextItem(queueID: "queue_1", project: "alpha", reviewer: "key_c", at: Self.at(14))
        XCTAssertEqual(c?.position, 2)
        let d = try await store.leaseNextItem(queueID: "queue_1", project: "alpha", reviewer: "key_d", at: Self.at(15))
        XCTAssertNil(d, "every item is held")

        progress = try await store.queueProgress(id: "queue_1", project: "alpha", at: Self.at(71))
        XCTAssertEqual(progress, QueueProgress(total: 3, pending: 1, leased: 2), "key_a's lease ran out at 70 s")
        let taken = try await store.leaseNextItem(queueID: "queue_1", project: "alpha", reviewer: "key_d", at: Self.at(71))
        XCTAssertEqual(taken?.position, 0, "an abandoned item goes to the next reviewer")
        XCTAssertEqual(taken?.reviewer, "key_d")
        let lost = try await store.leasedItem(queueID: "queue_1", project: "alpha", reviewer: "key_a", at: Self.at(71))
        XCTAssertNil(lost)

        let run = try await store.leaseNextItem(queueID: "queue_runs", project: "alpha", reviewer: "key_a", at: Self.at(20))
        XCTAssertEqual(run?.target, .experimentItem(runID: "run_1", item: 0))
        let item = try await store.queueItem(queueID: "queue_runs", project: "alpha", position: 1)
        XCTAssertEqual(item, QueueItem(queueID: "queue_runs", position: 1, target: .experimentItem(runID: "run_1", item: 1)))
        let foreignItem = try await store.queueItem(queueID: "queue_runs", project: "beta", position: 1)
        XCTAssertNil(foreignItem)
        let pastEnd = try await store.queueItem(queueID: "queue_runs", project: "alpha", position: 2)
        XCTAssertNil(pastEnd)
        let foreignLease = await assertThrows("leasing from another project's queue") {
            _ = try await self.store.leaseNextItem(queueID: "queue_1", project: "beta", reviewer: "key_x", at: Self.at(20))
        }
        XCTAssertEqual((foreignLease as? OpsError)?.code, "queue_not_found")
    }

    /// Completing stores the scores and closes the item in one step; an item another reviewer holds,
    /// or one already completed, is refused and stores nothing; skipped items are not handed out again.
    public func contractQueueCompletion() async throws {
        try await store.createQueue(Self.queue(items: 3), targets: [.trace("t-0"), .trace("t-1"), .trace("t-2")])
        _ = try await store.leaseNextItem(queueID: "queue_1", project: "alpha", reviewer: "key_a", at: Self.at(10))
        _ = try await store.leaseNextItem(queueID: "queue_1", project: "alpha", reviewer: "key_b", at: Self.at(10))
        func scores(_ target: ScoreTarget, _ reviewer: String, _ id: String) -> [Score] {
            [Score(id: id + "-accuracy", project: "alpha", target: target, name: "accuracy", value: .numeric(4), comment: "ok",
                   source: .human, author: reviewer, queueID: "queue_1", createdAt: Self.at(20)),
             Score(id: id + "-tone", project: "alpha", target: target, name: "tone", value: .categorical("friendly"), comment: "ok",
                   source: .human, author: reviewer, queueID: "queue_1", createdAt: Self.at(20))]
        }
        let stolen = await assertThrows("completing an item key_b holds") {
            _ = try await self.store.completeItem(queueID: "queue_1", project: "alpha", position: 1, reviewer: "key_a",
                                                  scores: scores(.trace("t-1"), "key_a", "x"), at: Self.at(20))
        }
        XCTAssertEqual((stolen as? OpsError)?.kind, .conflict)
        XCTAssertEqual((stolen as? OpsError)?.code, "item_leased")
        let notStored = try await store.scores(project: "alpha", target: .trace("t-1"))
        XCTAssertEqual(notStored, [], "a refused completion stores no score")

        let done = try await store.completeItem(queueID: "queue_1", project: "alpha", position: 0, reviewer: "key_a",
                                                scores: scores(.trace("t-0"), "key_a", "s0"), at: Self.at(20))
        XCTAssertEqual(done.state, .completed)
        XCTAssertEqual(done.reviewer, "key_a")
        XCTAssertNil(done.leaseExpiresAt)
        XCTAssertEqual(done.doneAt, Self.at(20))
        let reread = try await store.queueItem(queueID: "queue_1", project: "alpha", position: 0)
        XCTAssertEqual(reread, done)
        let stored = try await store.scores(project: "alpha", target: .trace("t-0"))
        XCTAssertEqual(stored, scores(.trace("t-0"), "key_a", "s0"))
        let twice = await assertThrows("completing item 0 again") {
            _ = try await self.store.completeItem(queueID: "queue_1", project: "alpha", position: 0, reviewer: "key_a",
                                                  scores: scores(.trace("t-0"), "key_a", "s0b"), at: Self.at(21))
        }
        XCTAssertEqual((twice as? OpsError)?.code, "item_already_completed")
        let stillTwo = try await store.scores(project: "alpha", target: .trace("t-0"))
        XCTAssertEqual(stillTwo.count, 2)

        let skipped = try await store.skipItem(queueID: "queue_1", project: "alpha", position: 1, reviewer: "key_b", at: Self.at(22))
        XCTAssertEqual(skipped.state, .skipped)
        let next = try await store.leaseNextItem(queueID: "queue_1", project: "alpha", reviewer: "key_b", at: Self.at(23))
        XCTAssertEqual(next?.position, 2, "a skipped item is not handed out again")
        let progress = try await store.queueProgress(id: "queue_1", project: "alpha", at: Self.at(23))
        XCTAssertEqual(progress, QueueProgress(total: 3, pending: 0, leased: 1, completed: 1, skipped: 1))
        let empty = try await store.leaseNextItem(queueID: "queue_1", project: "alpha", reviewer: "key_c", at: Self.at(24))
        XCTAssertNil(empty)

        let missingItem = await assertThrows("item 9") {
            _ = try await self.store.skipItem(queueID: "queue_1", project: "alpha", position: 9, reviewer: "key_a", at: Self.at(25))
        }
        XCTAssertEqual((missingItem as? OpsError)?.param, "item")
        XCTAssertEqual((missingItem as? OpsError)?.kind, .notFound)
        let foreign = await assertThrows("another project's queue") {
            _ = try await self.store.completeItem(queueID: "queue_1", project: "beta", position: 2, reviewer: "key_b",
                                                  scores: [], at: Self.at(25))
        }
        XCTAssertEqual((foreign as? OpsError)?.code, "queue_not_found")
        let untouched = try await store.queueItem(queueID: "queue_1", project: "alpha", position: 2)
        XCTAssertEqual(untouched?.state, .leased)
    }

    /// Eight reviewers working through a queue at once: every item is handed out and completed
    /// exactly once, and no completion is refused, because no two reviewers ever held the same item.
    public func contractConcurrentReviewers() async throws {
        let count = 24
        try await store.createQueue(Self.queue(lease: 600, items: count), targets: (0..<count).map { .trace("t-\($0)") })
        let store = self.store!
        let done = try await withThrowingTaskGroup(of: [Int].self) { group in
            for r in 0..<8 {
                group.addTask {
                    var mine: [Int] = []
                    while let item = try await store.leaseNextItem(queueID: "queue_1", project: "alpha", reviewer: "key_\(r)",
                                                                     at: Self.at(10)) {
                        let score = Score(project: "alpha", target: item.target, name: "accuracy", value: .numeric(Double(r)),
                                          source: .human, author: "key_\(r)", queueID: "queue_1", createdAt: Self.at(11))
                        _ = try await store.completeItem(queueID: "queue_1", project: "alpha", position: item.position,
                                                         reviewer: "key_\(r)", scores: [score], at: Self.at(11))
                        mine.append(item.position)
                    }
                    return mine
                }
            }
            return try await group.reduce(into: [[Int]]()) { $0.append($1) }
        }
        XCTAssertEqual(done.flatMap { $0 }.sorted(), Array(0..<count), "each item completed by exactly one reviewer")
        let progress = try await store.queueProgress(id: "queue_1", project: "alpha", at: Self.at(12))
        XCTAssertEqual(progress, QueueProgress(total: count, completed: count))
        for position in [0, count - 1] {
            let scores = try await store.scores(project: "alpha", target: .trace("t-\(position)"))
            XCTAssertEqual(scores.count, 1, "one score per item")
        }
    }
}
