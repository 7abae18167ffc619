import Foundation
import OpsCore
import XCTest

@testable import OpsTelemetry

/// Calls counted per model through cached series handles: every call lands in its own model's and
/// status's series, and a series appears only once a call needed it.
final class GatewayMetricsTests: XCTestCase {
    private func trace(_ model: String, status: Int = 200, latencyMs: Double = 20, ttftMs: Double? = nil,
                       usage: Usage? = nil, cost: Double? = nil) -> Trace {
        Trace(project: "p", name: "chat.completions", model: model, httpStatus: status, latencyMs: latencyMs, ttftMs: ttftMs,
              usage: usage, costUSD: cost, createdAt: Date(timeIntervalSince1970: 0))
    }

    private func lines(_ metrics: GatewayMetrics) -> [String] {
        String(decoding: metrics.render(), as: UTF8.self).split(separator: "\n").map(String.init)
    }

    private func value(_ metrics: GatewayMetrics, _ series: String) -> String? {
        lines(metrics).first { $0.hasPrefix(series + " ") }.map { String($0.dropFirst(series.count + 1)) }
    }

    func testCallsAreCountedPerModelAndStatusAcrossRepeatedCalls() {
        let metrics = GatewayMetrics()
        for _ in 0..<3 { metrics.observe(trace("a", usage: Usage(promptTokens: 5, completionTokens: 2), cost: 0.5)) }
        metrics.observe(trace("a", status: 502))
        metrics.observe(trace("b", ttftMs: 7))
        XCTAssertEqual(value(metrics, #"llmops_requests_total{model="a",status="200"}"#), "3")
        XCTAssertEqual(value(metrics, #"llmops_requests_total{model="a",status="502"}"#), "1")
        XCTAssertEqual(value(metrics, #"llmops_requests_total{model="b",status="200"}"#), "1")
        XCTAssertEqual(value(metrics, #"llmops_tokens_total{model="a",kind="prompt"}"#), "15")
        XCTAssertEqual(value(metrics, #"llmops_tokens_total{model="a",kind="completion"}"#), "6")
        XCTAssertEqual(value(metrics, #"llmops_cost_usd_total{model="a"}"#), "1.5")
        XCTAssertEqual(value(metrics, #"llmops_request_duration_seconds_count{model="a"}"#), "4")
        XCTAssertEqual(value(metrics, #"llmops_time_to_first_token_seconds_count{model="b"}"#), "1")
    }

    func testSeriesAppearOnlyOnceACallNeedsThem() {
        let metrics = GatewayMetrics()
        metrics.observe(trace("plain"))
        let text = lines(metrics).joined(separator: "\n")
        XCTAssertFalse(text.contains(#"llmops_time_to_first_token_seconds_count{model="plain"}"#))
        XCTAssertFalse(text.contains(#"llmops_tokens_total{model="plain""#))
        XCTAssertFalse(text.contains(#"llmops_cost_usd_total{model="plain"}"#))
        metrics.observe(trace("plain", ttftMs: 3, usage: Usage(promptTokens: 1, completionTokens: 1)))
        XCTAssertEqual(value(metrics, #"llmops_time_to_first_token_seconds_count{model="plain"}"#), "1")
        XCTAssertEqual(value(metrics, #"llmops_tokens_total{model="plain",kind="prompt"}"#), "1")
        XCTAssertFalse(lines(metrics).joined().contains(#"llmops_cost_usd_total{model="plain"}"#), "a free call adds no cost series")
    }
}
