import OpsCore
import XCTest
@testable import OpsEval

/// JSON validity and schema validation, with errors that name the instance path and keyword.
final class JSONMetricTests: XCTestCase {
    private let schemaText = #"""
    {
      "type": "object",
      "required": ["name", "tags"],
      "properties": {
        "name": {"type": "string", "minLength": 1},
        "age": {"type": "integer", "minimum": 0},
        "tags": {"type": "array", "items": {"$ref": "#/$defs/tag"}}
      },
      "additionalProperties": false,
      "$defs": {"tag": {"type": "string", "pattern": "^[a-z]+$"}}
    }
    """#

    func testJSONValid() throws {
        let metric = JSONValidMetric()
        XCTAssertEqual(try metric.score(hypothesis: #"{"a": [1, 2.5, true, null]}"#, references: []).value, 1)
        let bad = try metric.score(hypothesis: #"{"a": 1,}"#, references: [])
        XCTAssertEqual(bad.value, 0)
        XCTAssertTrue(bad.reason!.hasPrefix("not valid JSON"), bad.reason!)
    }

    func testSchemaViolationsNameInstancePathAndKeyword() throws {
        let schema = try JSONSchema(parsing: schemaText)
        XCTAssertTrue(schema.isValid(try JSONParser.parse(#"{"name": "x", "tags": ["a", "b"], "age": 3}"#)))
        let violations = schema.validate(try JSONParser.parse(#"{"name": "", "age": 1.5, "tags": ["ok", "Bad"], "x": 1}"#))
        let found = Set(violations.map { "\($0.instancePath) \($0.keyword)" })
        XCTAssertEqual(found, ["/name minLength", "/age type", "/tags/1 pattern", "/x additionalProperties"])
        let tag = violations.first { $0.keyword == "pattern" }!
        XCTAssertEqual(tag.schemaPath, "/properties/tags/items/$ref/pattern")
        XCTAssertEqual(tag.description, "/tags/1: pattern: string does not match /^[a-z]+$/")
        let missing = schema.validate(try JSONParser.parse(#"{"name": "x"}"#))
        XCTAssertEqual(missing.map(\.description), [#"(root): required: missing required property "tags""#])
    }

    func testSchemaMetricScoresAndExplains() throws {
        let metric = try JSONSchemaMetric(schemaText: schemaText)
        XCTAssertEqual(try metric.score(hypothesis: #"{"name": "n", "tags": []}"#, references: []).value, 1)
        let wrong = try metric.score(hypothesis: #"{"name": 3, "tags": []}"#, references: [])
        XCTAssertEqual(wrong.value, 0)
        XCTAssertEqual(wrong.reason, "/name: type: expected string, got integer")
        XCTAssertEqual(try metric.score(hypothesis: "not json", references: []).value, 0)
    }

    func testIntegersNumbersAndBooleansStayDistinct() throws {
        let integer = try JSONSchema(parsing: #"{"type": "integer"}"#)
        XCTAssertTrue(integer.isValid(.int(1)))
        XCTAssertTrue(integer.isValid(.double(1.0)))
        XCTAssertFalse(integer.isValid(.double(1.5)))
        XCTAssertFalse(integer.isValid(.bool(true)))
        let enumeration = try JSONSchema(parsing: #"{"enum": [1, false]}"#)
        XCTAssertTrue(enumeration.isValid(try JSONParser.parse("1.0")))
        XCTAssertFalse(enumeration.isValid(try JSONParser.parse("true")))
        XCTAssertFalse(enumeration.isValid(try JSONParser.parse("0")))
    }

    func testBadSchemasAreRejectedWhenLoaded() {
        XCTAssertThrowsError(try JSONSchema(parsing: #"{"pattern": "a(b"}"#)) { error in
            XCTAssertEqual("\(error)", "invalid JSON Schema: invalid regular expression 'a(b': expected ')'")
        }
        XCTAssertThrowsError(try JSONSchema(parsing: "[1]"))
        XCTAssertThrowsError(try JSONSchema(parsing: "{"))
        let dangling = try? JSONSchema(parsing: ##"{"$ref": "#/$defs/missing"}"##)
        XCTAssertEqual(dangling?.validate(.null).first?.keyword, "$ref")
    }
}
