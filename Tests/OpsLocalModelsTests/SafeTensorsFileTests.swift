import Foundation
import XCTest
@testable import OpsLocalModels

final class SafeTensorsFileTests: XCTestCase {
    private func file(header: String, data: [UInt8]) throws -> String {
        var bytes: [UInt8] = []
        withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian) { bytes += $0 }
        bytes += Array(header.utf8) + data
        let path = NSTemporaryDirectory() + "st-\(UUID().uuidString).safetensors"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    func testReadsTensors() throws {
        let floats: [Float] = [1, 2, 3, 4, 5, 6]
        let data = floats.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) }
        let path = try file(header: #"{"__metadata__":{"format":"pt"},"w":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]}}"#, data: data)
        let st = try SafeTensorsFile(path: path)
        XCTAssertEqual(st.metadata, ["format": "pt"])
        let w = try st.tensor("w")
        XCTAssertEqual(w.shape, [2, 3])
        XCTAssertEqual(Array(try w.floats()), floats)
        XCTAssertThrowsError(try st.tensor("missing"))
    }

    func testDamagedFilesAreErrorsWithFileAndOffset() throws {
        let cases: [(String, [UInt8])] = [
            (#"{"w":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]}}"#, [UInt8](repeating: 0, count: 10)),
            (#"{"w":{"dtype":"F32","shape":[2,3],"data_offsets":[0,20]}}"#, [UInt8](repeating: 0, count: 24)),
            (#"{"w": 3}"#, []),
            ("not json", []),
        ]
        for (header, data) in cases {
            let path = try file(header: header, data: data)
            XCTAssertThrowsError(try SafeTensorsFile(path: path), header) { error in
                guard case LocalModelError.corruptFile(let f, _, _) = error else { return XCTFail("\(error)") }
                XCTAssertEqual(f, path)
            }
        }
        let truncated = NSTemporaryDirectory() + "st-short-\(UUID().uuidString)"
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: truncated))
        XCTAssertThrowsError(try SafeTensorsFile(path: truncated)) { XCTAssertTrue("\($0)".contains("offset 0")) }
    }

    func testUnsupportedDTypeIsNamed() throws {
        let path = try file(header: #"{"ids":{"dtype":"I64","shape":[1],"data_offsets":[0,8]}}"#, data: [UInt8](repeating: 0, count: 8))
        XCTAssertThrowsError(try SafeTensorsFile(path: path).tensor("ids")) {
            XCTAssertEqual($0 as? LocalModelError, .unsupportedTensorType(tensor: "ids", type: "I64"))
        }
    }
}
