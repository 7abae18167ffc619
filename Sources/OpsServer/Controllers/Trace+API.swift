import OpsCore

extension Trace {
    /// The JSON of `GET /api/traces` and `/api/traces/{id}`.
    var apiJSON: JSONValue {
        var o = JSONObject()
        o["id"] = .string(id)
        o["project"] = .string(project)
        o["name"] = .string(name)
        o["model"] = .string(model)
        o["provider"] = provider.map { .string($0) } ?? .null
        o["status"] = .string(status.rawValue)
        o["http_status"] = .int(Int64(httpStatus))
        o["user"] = user.map { .string($0) } ?? .null
        o["session_id"] = sessionID.map { .string($0) } ?? .null
        o["key_id"] = keyID.map { .string($0) } ?? .null
        o["latency_ms"] = .double(latencyMs)
        o["ttft_ms"] = ttftMs.map { .double($0) } ?? .null
        o["usage"] = usage?.json ?? .null
        o["cost_usd"] = costUSD.map { .double($0) } ?? .null
        o["input"] = input
        o["output"] = output ?? .null
        o["error"] = error.map { .string($0) } ?? .null
        o["tags"] = .array(tags.map { .string($0) })
        o["metadata"] = .object(metadata)
        o["created_at"] = .string(createdAt.iso8601)
        o["generations"] = .array(generations.map(\.apiJSON))
        return .object(o)
    }
}

extension Generation {
    var apiJSON: JSONValue {
        var o = JSONObject()
        o["id"] = .string(id)
        o["model"] = .string(model)
        o["resolved_model"] = .string(resolvedModel)
        o["provider"] = .string(provider)
        o["status"] = .string(status.rawValue)
        o["http_status"] = .int(Int64(httpStatus))
        o["finish_reason"] = finishReason.map { .string($0) } ?? .null
        o["parameters"] = parameters
        o["usage"] = usage?.json ?? .null
        o["cost_usd"] = costUSD.map { .double($0) } ?? .null
        o["latency_ms"] = .double(latencyMs)
        o["ttft_ms"] = ttftMs.map { .double($0) } ?? .null
        o["error"] = error.map { .string($0) } ?? .null
        o["started_at"] = .string(startedAt.iso8601)
        return .object(o)
    }
}
