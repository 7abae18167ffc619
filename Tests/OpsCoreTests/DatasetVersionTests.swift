import Foundation
import OpsCore
import XCTest

/// Content hashes: stable, order-sensitive, independent of key order and number spelling.
final class DatasetVersionTests: XCTestCase {
    func testHashIsCanonical() throws {
        let a = try DatasetImporter.parseJSONL(#"{"input": {"b": 1, "a": 2.0}, "expected_output": "x"}"#)
        let b = try DatasetImporter.parseJSONL(#"{"expected_output": "x", "input": {"a": 2, "b": 1.0}}"#)
        XCTAssertEqual(DatasetVersion.contentHash(of: a), DatasetVersion.contentHash(of: b))
        XCTAssertEqual(String(decoding: a[0].canonicalJSON, as: UTF8.self), #"{"expected_output":"x","input":{"a":2,"b":1}}"#)
        // The hash is SHA-256 of the canonical array; pinned so stores never silently re-key versions.
        XCTAssertEqual(DatasetVersion.contentHash(of: a),
                       SHA256Digest.hex(Array(#"[{"expected_output":"x","input":{"a":2,"b":1}}]"#.utf8)))
        XCTAssertEqual(DatasetVersion.contentHash(of: []), SHA256Digest.hex(Array("[]".utf8)))
    }

    func testOrderAndContentChangeTheHash() {
        let one = DatasetItem(input: "one"), two = DatasetItem(input: "two")
        XCTAssertNotEqual(DatasetVersion.contentHash(of: [one, two]), DatasetVersion.contentHash(of: [two, one]))
        XCTAssertNotEqual(DatasetVersion.contentHash(of: [one]),
                          DatasetVersion.contentHash(of: [DatasetItem(input: "one", metadata: JSONObject([("k", "v")]))]))
    }

    func testVersionNamingAndExport() {
        let version = DatasetVersion(dataset: "qa", items: [DatasetItem(input: ["q": "x"], expectedOutput: "y")],
                                     createdAt: Date(timeIntervalSince1970: 0), author: "ada")
        XCTAssertEqual(version.hash.count, 64)
        XCTAssertTrue(version.matches(version.shortHash))
        XCTAssertFalse(version.matches(String(version.hash.prefix(5))))
        XCTAssertEqual(version.jsonl, "{\"input\":{\"q\":\"x\"},\"expected_output\":\"y\"}\n")
        XCTAssertEqual(try DatasetImporter.parseJSONL(version.jsonl), version.items)
    }
}
