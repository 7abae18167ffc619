import OpsCore
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

    /// What a call with `trace`'s status, timing, usage and cost records, when every series it
    /// needs exists already; nil when one must be made first.
    func handles(for trace: Trace) -> ModelSeriesHandles? {
        guard let requests = requests[trace.httpStatus], let duration else { return nil }
        if trace.ttftMs != nil, ttft == nil { return nil }
        var tokens: (prompt: Counter, completion: Counter)?
        if trace.usage != nil {
            guard let promptTokens, let completionTokens else { return nil }
            tokens = (promptTokens, completionTokens)
        }
        if let cost = trace.costUSD, cost > 0, self.cost == nil { return nil }
        return ModelSeriesHandles(requests: requests, duration: duration, ttft: trace.ttftMs == nil ? nil : ttft,
                                  tokens: tokens, cost: cost)
    }
}

/// What `GatewayMetrics.observe` records for one call, resolved under the lock and used after it.
struct ModelSeriesHandles {
    let requests: Counter
    let duration: ValueHistogram
    let ttft: ValueHistogram?
    let tokens: (prompt: Counter, completion: Counter)?
    let cost: Counter?
}
