import OpsCore
import XCTest

/// A non-streamed answer says what it cost in `x-llmops-cost-usd`, the same figure its trace records.
final class CostHeaderTests: XCTestCase {
    func testPlainAnswersCarryTheirCostAndStreamsDoNot() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let plain = try await gw.post("/v1/chat/completions", ["model": "mock-model", "messages": [["role": "user", "content": "one two three"]]],
                                      key: gw.developer)
        XCTAssertEqual(plain.status, 200, plain.text)
        let header = try XCTUnwrap(plain.header("x-llmops-cost-usd"), "a priced model's answer carries its cost")
        let traceID = try XCTUnwrap(plain.header("x-llmops-trace-id"))
        let trace = try await gw.get("/api/traces/\(traceID)", key: gw.viewer)
        let recorded = try XCTUnwrap(trace.json["cost_usd"]?.doubleValue)
        XCTAssertGreaterThan(recorded, 0)
        XCTAssertEqual(Double(header), recorded, "the header is the trace's cost")

        let streamed = try await gw.post("/v1/chat/completions", ["model": "mock-model", "stream": true,
                                                                  "messages": [["role": "user", "content": "hi"]]], key: gw.developer)
        XCTAssertEqual(streamed.status, 200)
        XCTAssertNil(streamed.header("x-llmops-cost-usd"), "a stream's headers leave before its cost is known")
    }
}
