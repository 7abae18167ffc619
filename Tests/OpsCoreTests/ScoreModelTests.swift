import Foundation
import OpsCore
import XCTest

/// Scores and their definitions: values checked against the definition with the field named,
/// definitions read from API bodies, form text read as the definition's kind.
final class ScoreModelTests: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_767_225_600)
    var stars: ScoreDefinition { ScoreDefinition(project: "p", name: "stars", rule: .numeric(min: 1, max: 5), author: "k", createdAt: now) }
    var tone: ScoreDefinition { ScoreDefinition(project: "p", name: "tone", rule: .categorical(["kind", "curt"]), author: "k", createdAt: now) }
    var thumbs: ScoreDefinition { ScoreDefinition(project: "p", name: "thumbs", rule: .boolean, author: "k", createdAt: now) }

    func testValuesAreCheckedAgainstTheDefinition() throws {
        XCTAssertEqual(try stars.validate(5, param: "value"), .numeric(5))
        XCTAssertEqual(try stars.validate(1.5, param: "value"), .numeric(1.5))
        XCTAssertEqual(try tone.validate("curt", param: "value"), .categorical("curt"))
        XCTAssertEqual(try thumbs.validate(false, param: "value"), .boolean(false))
        let cases: [(ScoreDefinition, JSONValue, String)] = [
            (stars, 0, "scores.stars is 0, outside the range of 'stars' (1 to 5)"),
            (stars, 5.01, "outside the range"),
            (stars, "4", "scores.stars must be a number from 1 to 5 for 'stars', got a string"),
            (stars, true, "got a boolean"),
            (tone, "Kind", "must be one of kind, curt for 'tone', got 'Kind'"),
            (tone, 1, "got a number"),
            (thumbs, "yes", "must be true or false for 'thumbs', got a string"),
        ]
        for (definition, value, message) in cases {
            XCTAssertThrowsError(try definition.validate(value, param: "scores.\(definition.name)"), "\(value)") { error in
                let e = error as? OpsError
                XCTAssertEqual(e?.param, "scores.\(definition.name)")
                XCTAssertTrue(e?.message.contains(message) == true, "\(e?.message ?? "") lacks \(message)")
            }
        }
    }

    func testValuesWithoutADefinitionTakeTheirJSONType() throws {
        XCTAssertEqual(try ScoreValue(json: true, param: "value"), .boolean(true))
        XCTAssertEqual(try ScoreValue(json: 3, param: "value"), .numeric(3))
        XCTAssertEqual(try ScoreValue(json: "meh", param: "value"), .categorical("meh"))
        XCTAssertThrowsError(try ScoreValue(json: " ", param: "value")) { XCTAssertEqual(($0 as? OpsError)?.param, "value") }
        XCTAssertThrowsError(try ScoreValue(json: ["a": 1], param: "value"))
        XCTAssertEqual(ScoreValue.numeric(4).text, "4")
        XCTAssertEqual(ScoreValue.numeric(4.5).text, "4.5")
        XCTAssertEqual(ScoreValue.boolean(true).text, "yes")
    }

    func testDefinitionsFromTheAPI() throws {
        let numeric = try ScoreDefinition(json: ["name": "stars", "kind": "numeric", "min": 1, "max": 5, "description": "Overall"],
                                          project: "p", author: "k", createdAt: now)
        XCTAssertEqual(numeric.rule, .numeric(min: 1, max: 5))
        XCTAssertEqual(numeric.json["min"], 1.0)
        let categorical = try ScoreDefinition(json: ["name": "tone", "kind": "categorical", "categories": ["kind", "curt"]],
                                              project: "p", author: "k", createdAt: now)
        XCTAssertEqual(categorical.json["categories"], ["kind", "curt"])
        XCTAssertThrowsError(try ScoreDefinition(json: ["name": "x", "kind": "boolean", "categories": ["a"]], project: "p",
                                                 author: "k", createdAt: now)) { XCTAssertEqual(($0 as? OpsError)?.param, "categories") }
        XCTAssertThrowsError(try ScoreDefinition(json: ["name": "x", "kind": "numeric", "min": 1, "max": 1], project: "p",
                                                 author: "k", createdAt: now)) { XCTAssertEqual(($0 as? OpsError)?.param, "max") }
    }

    func testFormTextIsReadAsTheDefinitionsKind() throws {
        XCTAssertEqual(try stars.validate(stars.formValue(" 4 "), param: "v"), .numeric(4))
        XCTAssertThrowsError(try stars.validate(stars.formValue("four"), param: "v"))
        XCTAssertEqual(try thumbs.validate(thumbs.formValue("true"), param: "v"), .boolean(true))
        XCTAssertEqual(try thumbs.validate(thumbs.formValue("no"), param: "v"), .boolean(false))
        XCTAssertThrowsError(try thumbs.validate(thumbs.formValue("maybe"), param: "v"))
        XCTAssertEqual(try tone.validate(tone.formValue("kind"), param: "v"), .categorical("kind"))
    }

    func testAReviewFillsEveryDefinitionOfTheQueue() throws {
        let review = try ReviewSubmission(json: ["scores": ["tone": "kind", "stars": 3], "comment": "  "], definitions: [stars, tone])
        XCTAssertEqual(review.values.map(\.name), ["stars", "tone"], "in the queue's order")
        XCTAssertNil(review.comment, "a blank comment is no comment")
        let scores = review.scores(project: "p", target: .trace("t"), reviewer: "key_r", queueID: "queue_1", at: now)
        XCTAssertEqual(scores.map(\.source), [.human, .human])
        XCTAssertEqual(scores.map(\.queueID), ["queue_1", "queue_1"])
        let long = String(repeating: "x", count: Score.maxCommentLength + 1)
        XCTAssertThrowsError(try ReviewSubmission(json: ["scores": ["stars": 3, "tone": "kind"], "comment": .string(long)],
                                                  definitions: [stars, tone])) { XCTAssertEqual(($0 as? OpsError)?.param, "comment") }
    }

    func testFeedbackBodies() throws {
        let feedback = try ScoreSubmission(json: ["trace_id": "t1", "name": "thumbs", "value": true, "comment": "great"])
        XCTAssertEqual(feedback.target, .trace("t1"))
        XCTAssertEqual(feedback.source, .api)
        let score = try feedback.resolve(definition: thumbs, project: "p", author: "key_u", at: now)
        XCTAssertEqual(score.value, .boolean(true))
        XCTAssertEqual(score.json["trace_id"], "t1")
        XCTAssertThrowsError(try feedback.resolve(definition: stars, project: "p", author: "k", at: now)) {
            XCTAssertEqual(($0 as? OpsError)?.param, "value")
        }
        let item = try ScoreSubmission(json: ["run_id": "run_1", "item": 3, "name": "stars", "value": 4])
        XCTAssertEqual(item.target, .experimentItem(runID: "run_1", item: 3))
        for (body, param) in [(["trace_id": "t", "run_id": "r", "name": "a", "value": 1], "run_id"),
                              (["trace_id": "t", "item": 1, "name": "a", "value": 1], "item"),
                              (["run_id": "r", "item": -1, "name": "a", "value": 1], "item"),
                              (["trace_id": "", "name": "a", "value": 1], "trace_id")] as [(JSONValue, String)] {
            XCTAssertThrowsError(try ScoreSubmission(json: body), "\(body)") { XCTAssertEqual(($0 as? OpsError)?.param, param) }
        }
    }
}
