import OpsCore

extension RouteConfig {
    /// The route in the shape `llmops.yaml` and `PUT /api/routes` accept.
    public var json: JSONValue {
        var object = JSONObject()
        object["name"] = .string(name)
        object["deployments"] = .array(deployments.map { deployment -> JSONValue in
            var entry = JSONObject()
            entry["model"] = .string(deployment.model)
            entry["weight"] = .double(deployment.weight)
            return .object(entry)
        })
        object["sticky"] = .string(sticky.rawValue)
        object["fallbacks"] = .array(fallbacks.map { JSONValue.string($0) })
        var retriesObject = JSONObject()
        retriesObject["attempts"] = .int(Int64(retries.attempts))
        retriesObject["backoff_ms"] = .int(Int64(retries.backoffMs))
        retriesObject["cap_ms"] = .int(Int64(retries.capMs))
        object["retries"] = .object(retriesObject)
        if let timeouts {
            var t = JSONObject()
            t["connect_ms"] = .int(Int64(timeouts.connectMs))
            t["first_token_ms"] = .int(Int64(timeouts.firstTokenMs))
            t["total_ms"] = .int(Int64(timeouts.totalMs))
            object["timeouts"] = .object(t)
        }
        var cacheObject = JSONObject()
        if let ttl = cache.exactTTLSeconds { cacheObject["exact"] = .object(JSONObject([("ttl_s", .int(Int64(ttl)))])) }
        if let threshold = cache.semanticThreshold {
            let rounded = (Double(threshold) * 1e6).rounded() / 1e6
            cacheObject["semantic"] = .object(JSONObject([("threshold", .double(rounded))]))
        }
        if !cacheObject.isEmpty { object["cache"] = .object(cacheObject) }
        var limitsObject = JSONObject()
        if let rpm = limits.requestsPerMinute { limitsObject["rpm"] = .int(Int64(rpm)) }
        if let tpm = limits.tokensPerMinute { limitsObject["tpm"] = .int(Int64(tpm)) }
        if !limitsObject.isEmpty { object["limits"] = .object(limitsObject) }
        return .object(object)
    }
}
