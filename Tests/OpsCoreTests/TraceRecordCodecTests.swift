import Foundation
import OpsCore
import XCTest

/// The journal's trace document decodes back to an equal trace, whatever is set or left out.
final class TraceRecordCodecTests: XCTestCase {
    func testEveryFieldRoundTrips() throws {
        let created = Date(timeIntervalSince1970: 1_780_000_000.123457)
        var trace = Trace(id: "tr_1", project: "alpha", keyID: "key_9", name: "chat.completions", model: "chat", provider: "openai",
                          status: .error, httpStatus: 502, user: "ana \"quoted\"", sessionID: "s-1", tags: ["a", "b\nc"],
                          metadata: JSONObject([("team", .string("x")), ("n", .int(3)), ("f", .double(0.25))]),
                          input: .array([.object(JSONObject([("role", .string("user")), ("content", .string("héllo ✓"))]))]),
                          output: .string("partial"), error: "upstream 500", latencyMs: 12.345678901, ttftMs: 3.5,
                          usage: Usage(promptTokens: 11, completionTokens: 7), costUSD: 0.000123456789, createdAt: created)
        trace.generations = [
            Generation(id: "g1", traceID: "tr_1", model: "chat", resolvedModel: "gpt-x", provider: "openai",
                       parameters: .object(JSONObject([("temperature", .double(0.7))])), finishReason: "stop", status: .error,
                       httpStatus: 500, error: "boom", usage: Usage(promptTokens: 1, completionTokens: 2), costUSD: 1e-9,
                       latencyMs: 4.25, ttftMs: 1.125, startedAt: created),
            Generation(id: "g2", traceID: "tr_1", model: "chat", resolvedModel: "backup", provider: "anthropic",
                       startedAt: created.addingTimeInterval(0.004)),
        ]
        let decoded = try TraceRecordCodec.decode(TraceRecordCodec.encode(trace))
        XCTAssertEqual(decoded, trace)
        XCTAssertEqual(decoded.createdAt.timeIntervalSince1970, created.timeIntervalSince1970, "dates keep every bit")
    }

    func testOptionalFieldsLeftOutStayNil() throws {
        let trace = Trace(id: "tr_2", project: "p", name: "embeddings", model: "m", createdAt: Date(timeIntervalSince1970: 0))
        let bytes = TraceRecordCodec.encode(trace)
        let text = String(decoding: bytes, as: UTF8.self)
        XCTAssertFalse(text.contains("key_id") || text.contains("usage") || text.contains("output"), text)
        XCTAssertEqual(try TraceRecordCodec.decode(bytes), trace)
    }

    func testDamagedRecordsAreRefusedWithTheReason() {
        XCTAssertThrowsError(try TraceRecordCodec.decode(Array("{\"v\":1,".utf8))) { error in
            XCTAssertTrue("\(error)".contains("not JSON"), "\(error)")
        }
        XCTAssertThrowsError(try TraceRecordCodec.decode(Array("{\"v\":2,\"id\":\"x\"}".utf8))) { error in
            XCTAssertTrue("\(error)".contains("version 2"), "\(error)")
        }
        var object = TraceRecordCodec.encode(Trace(id: "tr_3", project: "p", name: "n", model: "m", createdAt: Date()))
        object = Array(String(decoding: object, as: UTF8.self).replacingOccurrences(of: "\"status\":\"ok\"", with: "\"status\":\"meh\"").utf8)
        XCTAssertThrowsError(try TraceRecordCodec.decode(object)) { error in
            XCTAssertEqual("\(error)", "status of trace tr_3 is 'meh'")
        }
    }
}
