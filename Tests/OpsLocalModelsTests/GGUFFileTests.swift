import Foundation
import XCTest
@testable import OpsLocalModels

/// The GGUF reader on synthetic files: every metadata type, alignment, and damaged input.
final class GGUFFileTests: XCTestCase {
    private func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let path = NSTemporaryDirectory() + "gguf-\(UUID().uuidString).gguf"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    func testReadsEveryMetadataTypeAndATensor() throws {
        var w = GGUFWriter()
        w.metadata("u8", type: 0) { $0.u8(7) }
        w.metadata("i8", type: 1) { $0.u8(0xFE) }
        w.metadata("u16", type: 2) { $0.u16(65_000) }
        w.metadata("i16", type: 3) { $0.u16(UInt16(bitPattern: -3)) }
        w.metadata("u32", type: 4) { $0.u32(4_000_000_000) }
        w.metadata("i32", type: 5) { $0.u32(UInt32(bitPattern: -5)) }
        w.metadata("f32", type: 6) { $0.u32(Float(1.5).bitPattern) }
        w.metadata("bool", type: 7) { $0.u8(1) }
        w.metadata("str", type: 8) { $0.string("héllo") }
        w.metadata("arr", type: 9) { $0.u32(8); $0.u64(2); $0.string("a"); $0.string("b") }
        w.metadata("u64", type: 10) { $0.u64(1 << 40) }
        w.metadata("i64", type: 11) { $0.u64(UInt64(bitPattern: -9)) }
        w.metadata("f64", type: 12) { $0.u64(Double(2.25).bitPattern) }
        w.metadata("general.alignment", type: 4) { $0.u32(64) }
        w.tensor("t", dims: [4, 2], type: 0, offset: 0)
        let data = (0..<8).flatMap { withUnsafeBytes(of: Float($0).bitPattern.littleEndian, Array.init) }
        let gguf = try GGUFFile(path: temporaryFile(w.build(alignment: 64, data: data)))
        let m = gguf.metadata
        XCTAssertEqual(m["u8"], .uint8(7))
        XCTAssertEqual(m["i8"], .int8(-2))
        XCTAssertEqual(m["u16"], .uint16(65_000))
        XCTAssertEqual(m["i16"], .int16(-3))
        XCTAssertEqual(m["u32"], .uint32(4_000_000_000))
        XCTAssertEqual(m["i32"], .int32(-5))
        XCTAssertEqual(m["f32"], .float32(1.5))
        XCTAssertEqual(m["bool"], .bool(true))
        XCTAssertEqual(m["str"], .string("héllo"))
        XCTAssertEqual(m["arr"], .array([.string("a"), .string("b")]))
        XCTAssertEqual(m["u64"], .uint64(1 << 40))
        XCTAssertEqual(m["i64"], .int64(-9))
        XCTAssertEqual(m["f64"], .float64(2.25))
        XCTAssertEqual(gguf.alignment, 64)
        XCTAssertEqual(gguf.dataOffset % 64, 0)
        let t = try gguf.tensor("t")
        XCTAssertEqual(t.shape, [2, 4])
        XCTAssertEqual(Array(try t.floats()), (0..<8).map(Float.init))
    }

    func testEveryTruncationIsAnErrorNamingFileAndOffset() throws {
        var w = GGUFWriter()
        w.metadata("name", type: 8) { $0.string("tiny") }
        w.metadata("list", type: 9) { $0.u32(4); $0.u64(3); $0.u32(1); $0.u32(2); $0.u32(3) }
        w.tensor("t", dims: [8], type: 0, offset: 0)
        let full = w.build(alignment: 32, data: [UInt8](repeating: 0, count: 32))
        for length in stride(from: 0, to: full.count, by: 3) {
            let path = try temporaryFile(Array(full.prefix(length)))
            XCTAssertThrowsError(try GGUFFile(path: path)) { error in
                guard case LocalModelError.corruptFile(let file, let offset, _) = error else {
                    return XCTFail("length \(length): \(error)")
                }
                XCTAssertEqual(file, path)
                XCTAssertLessThanOrEqual(offset, full.count)
                XCTAssertTrue("\(error)".contains(path))
            }
        }
    }

    func testCorruptValuesAreReported() throws {
        var huge = GGUFWriter()
        huge.metadata("s", type: 8) { $0.u64(1 << 50) }
        XCTAssertThrowsError(try GGUFFile(path: temporaryFile(huge.build(alignment: 32, data: []))))
        var badType = GGUFWriter()
        badType.metadata("x", type: 99) { $0.u32(0) }
        XCTAssertThrowsError(try GGUFFile(path: temporaryFile(badType.build(alignment: 32, data: [])))) {
            XCTAssertTrue("\($0)".contains("unknown metadata value type 99"))
        }
        XCTAssertThrowsError(try GGUFFile(path: temporaryFile(Array("not a gguf file at all".utf8))))
    }

    func testUnsupportedTensorTypeIsNamed() throws {
        var w = GGUFWriter()
        w.tensor("q", dims: [32], type: 12, offset: 0)
        let gguf = try GGUFFile(path: temporaryFile(w.build(alignment: 32, data: [UInt8](repeating: 0, count: 144))))
        XCTAssertThrowsError(try gguf.tensor("q")) { XCTAssertEqual($0 as? LocalModelError, .unsupportedTensorType(tensor: "q", type: "Q4_K")) }
    }

    func testMissingFileNamesMakeModels() {
        XCTAssertThrowsError(try GGUFFile(path: "/nonexistent/model.gguf")) {
            XCTAssertTrue("\($0)".contains("make models"))
            XCTAssertFalse(($0 as? LocalModelError)?.isClientError ?? true)
        }
    }
}

/// Builds GGUF v3 files byte by byte for the tests.
struct GGUFWriter {
    private(set) var bytes: [UInt8] = []
    private var kv: [UInt8] = [], kvCount = 0, infos: [UInt8] = [], tensorCount = 0

    mutating func u8(_ v: UInt8) { bytes.append(v) }
    mutating func u16(_ v: UInt16) { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
    mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
    mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
    mutating func string(_ s: String) { u64(UInt64(s.utf8.count)); bytes += Array(s.utf8) }

    mutating func metadata(_ key: String, type: UInt32, _ value: (inout GGUFWriter) -> Void) {
        var w = GGUFWriter()
        w.string(key)
        w.u32(type)
        value(&w)
        kv += w.bytes
        kvCount += 1
    }

    mutating func tensor(_ name: String, dims: [UInt64], type: UInt32, offset: UInt64) {
        var w = GGUFWriter()
        w.string(name)
        w.u32(UInt32(dims.count))
        dims.forEach { w.u64($0) }
        w.u32(type)
        w.u64(offset)
        infos += w.bytes
        tensorCount += 1
    }

    func build(alignment: Int, data: [UInt8]) -> [UInt8] {
        var w = GGUFWriter()
        w.bytes += Array("GGUF".utf8)
        w.u32(3)
        w.u64(UInt64(tensorCount))
        w.u64(UInt64(kvCount))
        w.bytes += kv + infos
        while w.bytes.count % alignment != 0 { w.bytes.append(0) }
        return w.bytes + data
    }
}
