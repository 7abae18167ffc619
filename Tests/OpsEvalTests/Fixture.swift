import Foundation
import OpsCore
import XCTest

/// Reads the committed reference fixtures (made by scripts/eval-fixtures/generate.py) next to this file.
enum Fixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func load(_ name: String) throws -> JSONValue {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        return try JSONParser.parse(Array(data))
    }

    /// The hypothesis/reference cases, in fixture order.
    static func cases() throws -> [(hyp: String, refs: [String])] {
        try load("cases.json")["cases"]!.arrayValue!.map { c in
            (c["hyp"]!.stringValue!, c["refs"]!.arrayValue!.map { $0.stringValue! })
        }
    }
}

/// Asserts `actual` is within 1e-6 of the reference value, naming the case on failure.
func assertClose(_ actual: Double, _ expected: JSONValue?, _ what: @autoclosure () -> String,
                 tolerance: Double = 1e-6, file: StaticString = #filePath, line: UInt = #line) {
    guard let expected = expected?.doubleValue else {
        XCTFail("missing reference value for \(what())", file: file, line: line)
        return
    }
    XCTAssertEqual(actual, expected, accuracy: tolerance, what(), file: file, line: line)
}
