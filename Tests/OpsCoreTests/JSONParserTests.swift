import OpsCore
import XCTest

final class JSONParserTests: XCTestCase {
    func testParsesEveryKindOfValue() throws {
        let value = try JSONParser.parse(#"{"a": [1, -2.5e3, true, false, null], "b": "x\"\u00e9\ud83d\ude00\n", "c": {}}"#)
        XCTAssertEqual(value["a"], [1, -2500.0, true, false, nil])
        XCTAssertEqual(value["b"], .string("x\"é😀\n"))
        XCTAssertEqual(value["c"], .object(JSONObject()))
        XCTAssertEqual(value["a"]?.arrayValue?[0], .int(1), "integers stay integers")
    }

    func testRoundTripKeepsKeyOrderAndEscapes() throws {
        let text = #"{"z":1,"a":"tab\there","q":"quote\"","u":"\u0001"}"#
        XCTAssertEqual(try JSONParser.parse(text).serializedString(), text)
    }

    func testErrorsCarryLineAndColumn() {
        XCTAssertThrowsError(try JSONParser.parse("{\n  \"a\": tru\n}")) { error in
            let e = error as? JSONParseError
            XCTAssertEqual(e?.line, 2)
            XCTAssertEqual(e?.column, 8)
            XCTAssertEqual(e?.reason, "invalid literal")
        }
        for bad in ["", "{", "[1,]", "{\"a\" 1}", "01", "1.", "\"abc", "\"\\x\"", "[1] 2", "\"\\ud800\"", "\"a\u{01}\""] {
            XCTAssertThrowsError(try JSONParser.parse(bad), "\(bad.debugDescription) should not parse")
        }
    }

    func testDeepNestingIsRefusedNotCrashing() {
        let deep = String(repeating: "[", count: 100_000)
        XCTAssertThrowsError(try JSONParser.parse(deep)) { error in
            XCTAssertTrue((error as? JSONParseError)?.reason.contains("nesting") == true)
        }
    }
}
