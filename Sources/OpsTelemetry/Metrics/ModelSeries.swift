import Prometheus

/// One model's handles into the registry, made the first time each is needed (so `/metrics` shows
/// exactly the series it showed before) and kept, so a call costs no registry lookups.
struct ModelSeries {
    var requests: [Int: Counter] = [:]
    var duration: ValueHistogram?
    var ttft: ValueHistogram?
    var promptTokens: Counter?
    var completionTokens: Counter?
    var cost: Counter?
}

/// What `GatewayMetrics.observe` records for one call, resolved under the lock and used after it.
struct ModelSeriesHandles {
    let requests: Counter
    let duration: ValueHistogram
    let ttft: ValueHistogram?
    let tokens: (prompt: Counter, completion: Counter)?
    let cost: Counter?
}
