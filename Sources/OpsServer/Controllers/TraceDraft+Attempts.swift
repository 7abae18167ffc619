import OpsCore
import OpsGateway

extension TraceDraft {
    /// One generation per attempt, in order, so the trace shows every deployment tried (and every
    /// retry or circuit refusal), not just the last. The answering attempt is filled in later.
    mutating func record(_ attempts: [AttemptRecord], request: ChatRequest, catalog: ModelCatalog) {
        var offset = 0.0
        trace.generations = attempts.map { attempt in
            let deployment = catalog.entry(named: attempt.deployment)?.deployment
            offset += attempt.backoffMs
            var generation = Generation(
                traceID: trace.id, model: attempt.deployment, resolvedModel: deployment?.upstreamModel ?? attempt.deployment,
                provider: deployment?.provider.rawValue ?? "", parameters: request.parametersJSON,
                status: attempt.outcome == .success ? .ok : .error, httpStatus: attempt.status,
                latencyMs: attempt.latencyMs, startedAt: trace.createdAt.addingTimeInterval(offset / 1_000))
            offset += attempt.latencyMs
            switch attempt.outcome {
            case .success: break
            case .failure: generation.error = attempt.error?.message ?? "failed"
            case .rejected: generation.error = "not called: the circuit breaker of '\(attempt.deployment)' is open"
            }
            return generation
        }
        if attempts.count > 1 { trace.metadata["attempts"] = .int(Int64(attempts.count)) }
    }

    /// Marks how the caches took part: `cache` is `hit` or `miss`; a semantic hit adds its similarity.
    mutating func record(cache: ChatRouter.CacheOutcome) {
        switch cache {
        case .bypass: break
        case .miss: trace.metadata["cache"] = "miss"
        case .exactHit: trace.metadata["cache"] = "hit"; trace.metadata["cache_kind"] = "exact"
        case .semanticHit(let similarity):
            trace.metadata["cache"] = "hit"
            trace.metadata["cache_kind"] = "semantic"
            trace.metadata["cache_similarity"] = .double((Double(similarity) * 1e6).rounded() / 1e6)
        }
    }
}
