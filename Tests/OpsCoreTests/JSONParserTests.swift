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

    func testRawUTF8StringsParseAndInvalidBytesAreRefusedWithTheirOffset() throws {
        let text = "{\"ascii\": \"plain\", \"raw\": \"héllo 世界 🎉\", \"escaped\": \"é\\n\"}"
        let value = try JSONParser.parse(Array(text.utf8))
        XCTAssertEqual(value["ascii"], .string("plain"))
        XCTAssertEqual(value["raw"], .string("héllo 世界 🎉"))
        XCTAssertEqual(value["escaped"], .string("é\n"))
        let quote = UInt8(ascii: "\"")
        // A stray continuation byte, an overlong NUL, a lone lead byte, 0xFF, each after ASCII
        // text; and 0xFF after an escape (the slower path).
        for bad: [UInt8] in [[0x80], [0xC0, 0x80], [0xE4, 0xB8], [0xFF], [0x5C, 0x6E, 0xFF]] {
            XCTAssertThrowsError(try JSONParser.parse([quote, UInt8(ascii: "a")] + bad + [quote]), "\(bad)") { error in
                let e = error as? JSONParseError
                XCTAssertEqual(e?.reason, "invalid UTF-8 in string")
                XCTAssertEqual(e?.offset, 2 + bad.count, "the offset is the string's closing quote")
            }
        }
    }
}
