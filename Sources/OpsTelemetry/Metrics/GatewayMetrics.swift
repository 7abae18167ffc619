import OpsCore
import Prometheus

/// The gateway's Prometheus series. One registry per server instance (no global state), so tests
/// can run several servers in one process.
public final class GatewayMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    public let tracesWritten: Counter
    public let tracesDropped: Counter
    public let traceQueueDepth: Gauge

    private static let latencyBuckets: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60]

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        tracesWritten = registry.makeCounter(descriptor: .init(namespace: "llmops", metricName: "traces_written", unitName: "total",
                                                               helpText: "Traces committed to the store."))
        tracesDropped = registry.makeCounter(descriptor: .init(namespace: "llmops", metricName: "traces_dropped", unitName: "total",
                                                               helpText: "Traces dropped: queue full (fast mode) or store failing."))
        traceQueueDepth = registry.makeGauge(descriptor: .init(namespace: "llmops", metricName: "trace_queue", unitName: "depth",
                                                               helpText: "Traces waiting to be written."))
    }

    /// Counts one finished call and its latency, time to first token, tokens and cost.
    public func observe(_ trace: Trace) {
        let labels = [("model", trace.model), ("status", String(trace.httpStatus))]
        registry.makeCounter(descriptor: .init(namespace: "llmops", metricName: "requests", unitName: "total",
                                               helpText: "Gateway calls by model and HTTP status."), labels: labels).increment()
        let modelLabel = [("model", trace.model)]
        registry.makeValueHistogram(descriptor: .init(namespace: "llmops", metricName: "request_duration", unitName: "seconds",
                                                      helpText: "Gateway call latency."),
                                    labels: modelLabel, buckets: Self.latencyBuckets).record(trace.latencyMs / 1000)
        if let ttft = trace.ttftMs {
            registry.makeValueHistogram(descriptor: .init(namespace: "llmops", metricName: "time_to_first_token", unitName: "seconds",
                                                          helpText: "Time to the first streamed token."),
                                        labels: modelLabel, buckets: Self.latencyBuckets).record(ttft / 1000)
        }
        if let usage = trace.usage {
            let tokens = MetricNameDescriptor(namespace: "llmops", metricName: "tokens", unitName: "total",
                                              helpText: "Tokens by model and kind (prompt, completion).")
            registry.makeCounter(descriptor: tokens, labels: modelLabel + [("kind", "prompt")]).increment(by: Int64(usage.promptTokens))
            registry.makeCounter(descriptor: tokens, labels: modelLabel + [("kind", "completion")])
                .increment(by: Int64(usage.completionTokens))
        }
        if let cost = trace.costUSD, cost > 0 {
            registry.makeCounter(descriptor: .init(namespace: "llmops", metricName: "cost_usd", unitName: "total",
                                                   helpText: "Cost in US dollars from the price table."), labels: modelLabel)
                .increment(by: cost)
        }
    }

    /// The exposition text for `/metrics`.
    /// Sets each deployment's circuit state (0 closed, 1 open, 2 half-open) and how often it opened,
    /// read from the breakers at scrape time.
    public func observeCircuits(_ circuits: [(deployment: String, state: Int, openCount: Int)]) {
        for circuit in circuits {
            let labels = [("deployment", circuit.deployment)]
            registry.makeGauge(name: "llmops_circuit_state", labels: labels,
                               help: "Circuit breaker state per deployment: 0 closed, 1 open, 2 half-open")
                .set(Double(circuit.state))
            registry.makeGauge(name: "llmops_circuit_opened", labels: labels,
                               help: "How many times the deployment's circuit breaker has opened since start")
                .set(Double(circuit.openCount))
        }
    }

    public func render() -> [UInt8] { registry.emitToBuffer() }
}
