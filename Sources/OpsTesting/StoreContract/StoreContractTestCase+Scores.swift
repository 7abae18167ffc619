import Foundation
import OpsCore
import XCTest

extension StoreContractTestCase {
    static func definition(_ name: String, _ rule: ScoreDefinition.Rule, project: String = "alpha",
                           at seconds: Double = 1) -> ScoreDefinition {
        ScoreDefinition(project: project, name: name, rule: rule, description: "Judge \(name) — «carefully»", author: "key_1",
                        createdAt: StoreFixtures.date(secondsAfterEpoch: seconds))
    }

    /// Definitions of every kind round-trip, list by name, stay in their project; a name is taken once per project.
    public func contractScoreDefinitions() async throws {
        let accuracy = Self.definition("accuracy", .numeric(min: 1, max: 5))
        let tone = Self.definition("tone", .categorical(["friendly", "curt", "très poli ✓"]))
        let correct = Self.definition("correct", .boolean)
        for d in [tone, accuracy, correct] { try await store.createScoreDefinition(d) }
        try await store.createScoreDefinition(Self.definition("accuracy", .numeric(min: 0, max: 1), project: "beta"))
        let read = try await store.scoreDefinition(project: "alpha", name: "tone")
        XCTAssertEqual(read, tone)
        let listed = try await store.scoreDefinitions(project: "alpha")
        XCTAssertEqual(listed, [accuracy, correct, tone], "by name, every field as created")
        let beta = try await store.scoreDefinitions(project: "beta")
        XCTAssertEqual(beta.map(\.rule), [.numeric(min: 0, max: 1)], "the same name in another project is another definition")
        let missing = try await store.scoreDefinition(project: "gamma", name: "accuracy")
        XCTAssertNil(missing)
        let duplicate = await assertThrows("a second definition named accuracy") {
            try await self.store.createScoreDefinition(Self.definition("accuracy", .boolean))
        }
        XCTAssertEqual((duplicate as? OpsError)?.kind, .conflict)
        XCTAssertEqual((duplicate as? OpsError)?.param, "name")
        let unchanged = try await store.scoreDefinition(project: "alpha", name: "accuracy")
        XCTAssertEqual(unchanged?.rule, .numeric(min: 1, max: 5), "the refused definition changed nothing")
    }

    /// Scores of every value kind round-trip for traces and run items, oldest first, per project;
    /// a batch with a duplicate id stores nothing.
    public func contractScores() async throws {
        let thumbs = Score(id: "score_1", project: "alpha", target: .trace("trace-a"), name: "thumbs", value: .boolean(true),
                           comment: "Très bien 👍\nmerci", source: .api, author: "key_u",
                           createdAt: StoreFixtures.date(secondsAfterEpoch: 2))
        let rating = Score(id: "score_2", project: "alpha", target: .trace("trace-a"), name: "accuracy", value: .numeric(4.5),
                           source: .human, author: "key_r", queueID: "queue_1", createdAt: StoreFixtures.date(secondsAfterEpoch: 1))
        let down = Score(id: "score_3", project: "alpha", target: .trace("trace-a"), name: "thumbs", value: .boolean(false),
                         source: .api, author: "key_u", createdAt: StoreFixtures.date(secondsAfterEpoch: 3))
        let label = Score(id: "score_4", project: "alpha", target: .experimentItem(runID: "run_1", item: 2), name: "tone",
                          value: .categorical("curt"), source: .eval, author: "key_e", createdAt: StoreFixtures.date(secondsAfterEpoch: 4))
        let first = Score(id: "score_5", project: "alpha", target: .experimentItem(runID: "run_1", item: 0), name: "accuracy",
                          value: .numeric(-0.25), source: .human, author: "key_r", createdAt: StoreFixtures.date(secondsAfterEpoch: 5))
        let foreign = Score(id: "score_6", project: "beta", target: .trace("trace-a"), name: "thumbs", value: .boolean(true),
                            source: .api, author: "key_b", createdAt: StoreFixtures.date(secondsAfterEpoch: 6))
        try await store.insertScores([thumbs, rating, down])
        try await store.insertScores([label, first, foreign])
        try await store.insertScores([])
        let onTrace = try await store.scores(project: "alpha", target: .trace("trace-a"))
        XCTAssertEqual(onTrace, [rating, thumbs, down], "oldest first, every field as stored")
        let onItem = try await store.scores(project: "alpha", target: .experimentItem(runID: "run_1", item: 2))
        XCTAssertEqual(onItem, [label])
        let onRun = try await store.scores(project: "alpha", runID: "run_1")
        XCTAssertEqual(onRun, [first, label], "by item")
        let betaTrace = try await store.scores(project: "beta", target: .trace("trace-a"))
        XCTAssertEqual(betaTrace, [foreign], "one project never sees another's scores")
        let none = try await store.scores(project: "alpha", target: .trace("trace-b"))
        XCTAssertEqual(none, [])

        let fresh = Score(id: "score_7", project: "alpha", target: .trace("trace-b"), name: "thumbs", value: .boolean(true),
                          source: .api, author: "key_u", createdAt: StoreFixtures.date(secondsAfterEpoch: 7))
        await assertThrows("a batch repeating score_1") { try await self.store.insertScores([fresh, thumbs]) }
        let afterFailure = try await store.scores(project: "alpha", target: .trace("trace-b"))
        XCTAssertEqual(afterFailure, [], "a rejected batch stores nothing")
    }
}
