import Foundation
import OpsCore
import XCTest

extension StoreContractTestCase {
    /// Adding items to a queue appends the targets it does not hold yet, in order, after its last
    /// item, pending, without disturbing the items being reviewed; an addition past the queue's
    /// limit adds nothing; another project's queue does not exist.
    public func contractQueueAppend() async throws {
        try await store.createQueue(Self.queue(items: 2), targets: [.trace("t-0"), .trace("t-1")])
        _ = try await store.leaseNextItem(queueID: "queue_1", project: "alpha", reviewer: "key_a", at: Self.at(10))
        let added = try await store.appendQueueItems(queueID: "queue_1", project: "alpha",
                                                     targets: [.trace("t-1"), .trace("t-2"), .trace("t-3"), .trace("t-2")])
        XCTAssertEqual(added, [QueueItem(queueID: "queue_1", position: 2, target: .trace("t-2")),
                               QueueItem(queueID: "queue_1", position: 3, target: .trace("t-3"))],
                       "targets already held, or listed twice, are added once")
        let read = try await store.queue(id: "queue_1", project: "alpha")
        XCTAssertEqual(read?.itemCount, 4)
        let last = try await store.queueItem(queueID: "queue_1", project: "alpha", position: 3)
        XCTAssertEqual(last, added.last)
        var progress = try await store.queueProgress(id: "queue_1", project: "alpha", at: Self.at(11))
        XCTAssertEqual(progress, QueueProgress(total: 4, pending: 3, leased: 1))
        let held = try await store.leasedItem(queueID: "queue_1", project: "alpha", reviewer: "key_a", at: Self.at(11))
        XCTAssertEqual(held?.position, 0, "the lease is untouched")
        let nothing = try await store.appendQueueItems(queueID: "queue_1", project: "alpha", targets: [.trace("t-0")])
        XCTAssertEqual(nothing, [])
        let foreign = await assertThrows("adding to another project's queue") {
            _ = try await self.store.appendQueueItems(queueID: "queue_1", project: "beta", targets: [.trace("t-9")])
        }
        XCTAssertEqual((foreign as? OpsError)?.code, "queue_not_found")
        progress = try await store.queueProgress(id: "queue_1", project: "alpha", at: Self.at(11))
        XCTAssertEqual(progress?.total, 4, "neither addition changed the queue")
        for (reviewer, position) in [("key_b", 1), ("key_c", 2), ("key_d", 3)] {
            let next = try await store.leaseNextItem(queueID: "queue_1", project: "alpha", reviewer: reviewer, at: Self.at(12))
            XCTAssertEqual(next?.position, position, "added items are handed out after the first ones")
        }

        try await store.createQueue(Self.queue(id: "queue_runs", runID: "run_1", items: 1),
                                    targets: [.experimentItem(runID: "run_1", item: 0)])
        let runItems = try await store.appendQueueItems(queueID: "queue_runs", project: "alpha",
                                                        targets: [.experimentItem(runID: "run_1", item: 0),
                                                                  .experimentItem(runID: "run_2", item: 0),
                                                                  .experimentItem(runID: "run_2", item: 1)])
        XCTAssertEqual(runItems.map(\.position), [1, 2])
        let runItem = try await store.queueItem(queueID: "queue_runs", project: "alpha", position: 2)
        XCTAssertEqual(runItem?.target, .experimentItem(runID: "run_2", item: 1))

        let limit = AnnotationQueue.maxItems
        try await store.createQueue(Self.queue(id: "queue_big", items: limit - 1), targets: (0..<limit - 1).map { .trace("b-\($0)") })
        let full = await assertThrows("passing the most a queue holds") {
            _ = try await self.store.appendQueueItems(queueID: "queue_big", project: "alpha", targets: [.trace("x-1"), .trace("x-2")])
        }
        XCTAssertEqual((full as? OpsError)?.code, "queue_full")
        let unchanged = try await store.queue(id: "queue_big", project: "alpha")
        XCTAssertEqual(unchanged?.itemCount, limit - 1)
        let one = try await store.appendQueueItems(queueID: "queue_big", project: "alpha", targets: [.trace("b-0"), .trace("x-1")])
        XCTAssertEqual(one.map(\.position), [limit - 1], "only the new target counts against the limit")
    }

    /// Eight additions to one queue at once, each with its own traces and one shared trace: every
    /// position is taken once, the shared trace is in the queue once, and the count is right.
    public func contractConcurrentQueueAppends() async throws {
        try await store.createQueue(Self.queue(items: 1), targets: [.trace("t-first")])
        let store = self.store!
        try await withThrowingTaskGroup(of: Void.self) { group in
            for a in 0..<8 {
                group.addTask {
                    let targets: [ScoreTarget] = (0..<3).map { .trace("t-\(a)-\($0)") } + [.trace("t-shared")]
                    _ = try await store.appendQueueItems(queueID: "queue_1", project: "alpha", targets: targets)
                }
            }
            try await group.waitForAll()
        }
        let queue = try await store.queue(id: "queue_1", project: "alpha")
        XCTAssertEqual(queue?.itemCount, 1 + 8 * 3 + 1)
        var traces: [String] = []
        for position in 0..<(1 + 8 * 3 + 1) {
            let item = try await store.queueItem(queueID: "queue_1", project: "alpha", position: position)
            traces.append(try XCTUnwrap(item?.target.traceID, "position \(position) is taken"))
        }
        XCTAssertEqual(Set(traces).count, traces.count, "no trace twice")
        XCTAssertTrue(traces.contains("t-shared"))
        let pastEnd = try await store.queueItem(queueID: "queue_1", project: "alpha", position: traces.count)
        XCTAssertNil(pastEnd)
    }
}
