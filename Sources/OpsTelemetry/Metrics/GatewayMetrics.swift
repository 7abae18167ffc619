import OpsCore
import Prometheus
import Synchronization

/// The gateway's Prometheus series. One registry per server instance (no global state), so tests
/// can run several servers in one process.
public final class GatewayMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    public let tracesWritten: Counter
    public let tracesDropped: Counter
    public let traceQueueDepth: Gauge
    /// Per-model handles, so a call does not look its series up in the registry.
    private let series = Mutex<[String: ModelSeries]>([:])
    /// Which model names may become a `model` label (configured models and routes); nil: any, up
    /// to `maxModelLabels`.
    private let knownModels = Mutex<(@Sendable (String) -> Bool)?>(nil)

    /// The `model` label of calls to a model or route nobody configured: one series, however many
    /// names clients make up.
    public static let unknownModel = "unknown"
    /// At most this many `model` labels, whatever routes come and go; later ones count as unknown.
    public static let maxModelLabels = 1_000

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
        let handles = self.handles(for: trace)
        handles.requests.increment()
        handles.duration.record(trace.latencyMs / 1000)
        if let ttft = trace.ttftMs { handles.ttft?.record(ttft / 1000) }
        if let usage = trace.usage, let tokens = handles.tokens {
            tokens.prompt.increment(by: Int64(usage.promptTokens))
            tokens.completion.increment(by: Int64(usage.completionTokens))
        }
        if let cost = trace.costUSD, cost > 0 { handles.cost?.increment(by: cost) }
    }

    /// Says which names are configured models or routes; every other name is labelled `unknown`,
    /// so made-up names cannot grow `/metrics`.
    public func labelModels(where isKnown: @escaping @Sendable (String) -> Bool) {
        knownModels.withLock { $0 = isKnown }
    }

    /// The registry's series for this call, looked up once per model (and status) and then cached.
    /// Once a model's series exist a call only reads them: changing the cached entry in place copied
    /// its dictionary of statuses on every call.
    private func handles(for trace: Trace) -> ModelSeriesHandles {
        let registry = self.registry
        if let handles = series.withLock({ $0[trace.model]?.handles(for: trace) }) { return handles }
        // Not seen with this status (or usage) yet: is the name one to label at all? Asked outside
        // the lock, as it reads the route table.
        let isKnown = knownModels.withLock { $0 }
        let named = series.withLock { $0[trace.model] != nil } || (isKnown?(trace.model) ?? true)
        return series.withLock { cache in
            var model = named ? trace.model : Self.unknownModel
            if cache[model] == nil, cache.count >= Self.maxModelLabels { model = Self.unknownModel }
            if let handles = cache[model]?.handles(for: trace) { return handles }
            let modelLabel = [("model", model)]
            var entry = cache[model] ?? ModelSeries()
            defer { cache[model] = entry }
            let status = trace.httpStatus
            let requests = entry.requests[status] ?? registry.makeCounter(
                descriptor: .init(namespace: "llmops", metricName: "requests", unitName: "total",
                                  helpText: "Gateway calls by model and HTTP status."),
                labels: modelLabel + [("status", String(status))])
            entry.requests[status] = requests
            let duration = entry.duration ?? registry.makeValueHistogram(
                descriptor: .init(namespace: "llmops", metricName: "request_duration", unitName: "seconds", helpText: "Gateway call latency."),
                labels: modelLabel, buckets: Self.latencyBuckets)
            entry.duration = duration
            if trace.ttftMs != nil, entry.ttft == nil {
                entry.ttft = registry.makeValueHistogram(
                    descriptor: .init(namespace: "llmops", metricName: "time_to_first_token", unitName: "seconds",
                                      helpText: "Time to the first streamed token."),
                    labels: modelLabel, buckets: Self.latencyBuckets)
            }
            if trace.usage != nil, entry.promptTokens == nil || entry.completionTokens == nil {
                let tokens = MetricNameDescriptor(namespace: "llmops", metricName: "tokens", unitName: "total",
                                                  helpText: "Tokens by model and kind (prompt, completion).")
                entry.promptTokens = registry.makeCounter(descriptor: tokens, labels: modelLabel + [("kind", "prompt")])
                entry.completionTokens = registry.makeCounter(descriptor: tokens, labels: modelLabel + [("kind", "completion")])
            }
            if let cost = trace.costUSD, cost > 0, entry.cost == nil {
                entry.cost = registry.makeCounter(descriptor: .init(namespace: "llmops", metricName: "cost_usd", unitName: "total",
                                                                    helpText: "Cost in US dollars from the price table."),
                                                  labels: modelLabel)
            }
            let tokens = trace.usage == nil ? nil : entry.promptTokens.flatMap { p in entry.completionTokens.map { (p, $0) } }
            return ModelSeriesHandles(requests: requests, duration: duration, ttft: trace.ttftMs == nil ? nil : entry.ttft,
                                      tokens: tokens, cost: entry.cost)
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
