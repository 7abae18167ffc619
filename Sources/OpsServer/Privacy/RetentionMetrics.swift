import OpsTelemetry
import Prometheus
import Synchronization

/// `llmops_retention_deleted_total{table}`: rows retention deleted since start, per table. The
/// tables are a fixed few, so the series stay bounded.
final class RetentionMetrics: Sendable {
    private let registry: PrometheusCollectorRegistry
    private let counters = Mutex<[String: Counter]>([:])

    init(metrics: GatewayMetrics) {
        registry = metrics.registry
    }

    func deleted(_ count: Int, from table: String) {
        guard count > 0 else { return }
        counter(table).increment(by: Int64(count))
    }

    private func counter(_ table: String) -> Counter {
        counters.withLock { counters in
            if let counter = counters[table] { return counter }
            let counter = registry.makeCounter(descriptor: .init(namespace: "llmops", metricName: "retention_deleted", unitName: "total",
                                                                 helpText: "Rows deleted by retention, per table."),
                                               labels: [("table", table)])
            counters[table] = counter
            return counter
        }
    }
}
