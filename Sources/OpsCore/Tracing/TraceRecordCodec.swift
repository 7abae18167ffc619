import Foundation

/// A trace as one self-contained JSON document that decodes back to an equal `Trace`: what the
/// strict-mode trace journal writes for each call. Every field is kept (dates as seconds since
/// 1970, which a Double's shortest decimal form carries exactly); absent optionals are left out.
/// Encoding writes bytes directly (it runs on the request path); decoding runs only on recovery.
public enum TraceRecordCodec {
    /// Bumped when the layout changes; a record of another version is refused, not guessed at.
    public static let version: Int64 = 1

    public struct Corrupt: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    public static func encode(_ trace: Trace) -> [UInt8] {
        var w = Writer()
        w.out.reserveCapacity(512)
        w.out.append(UInt8(ascii: "{"))
        w.field("v", .int(version))
        w.string("id", trace.id)
        w.string("project", trace.project)
        w.string("key_id", trace.keyID)
        w.string("name", trace.name)
        w.string("model", trace.model)
        w.string("provider", trace.provider)
        w.string("status", trace.status.rawValue)
        w.field("http_status", .int(Int64(trace.httpStatus)))
        w.string("user", trace.user)
        w.string("session_id", trace.sessionID)
        w.field("tags", .array(trace.tags.map(JSONValue.string)))
        w.field("metadata", .object(trace.metadata))
        w.field("input", trace.input)
        if let output = trace.output { w.field("output", output) }
        w.string("error", trace.error)
        w.field("latency_ms", .double(trace.latencyMs))
        if let ttft = trace.ttftMs { w.field("ttft_ms", .double(ttft)) }
        w.usage(trace.usage)
        if let cost = trace.costUSD { w.field("cost_usd", .double(cost)) }
        w.field("created_at", .double(trace.createdAt.timeIntervalSince1970))
        w.key("generations")
        w.out.append(UInt8(ascii: "["))
        for (i, generation) in trace.generations.enumerated() {
            if i > 0 { w.out.append(UInt8(ascii: ",")) }
            w.generation(generation)
        }
        w.out.append(UInt8(ascii: "]"))
        w.out.append(UInt8(ascii: "}"))
        return w.out
    }

    public static func decode(_ bytes: some Collection<UInt8>) throws(Corrupt) -> Trace {
        let json: JSONValue
        do { json = try JSONParser.parse(bytes) } catch { throw Corrupt(description: "trace record is not JSON: \(error)") }
        guard let o = json.objectValue else { throw Corrupt(description: "trace record is not a JSON object") }
        let r = Reader(object: o, owner: "trace record")
        let v = try r.int("v")
        guard v == Int(version) else { throw Corrupt(description: "trace record version \(v) is not \(version)") }
        let id = try r.string("id")
        let tr = Reader(object: o, owner: "trace \(id)")
        var generations: [Generation] = []
        for (i, value) in (o["generations"]?.arrayValue ?? []).enumerated() {
            guard let g = value.objectValue else { throw Corrupt(description: "generation \(i) of trace \(id) is not an object") }
            generations.append(try Reader(object: g, owner: "generation \(i) of trace \(id)").generation(traceID: id))
        }
        guard let metadata = o["metadata"]?.objectValue else { throw Corrupt(description: "trace \(id) has no metadata object") }
        return Trace(id: id, project: try tr.string("project"), keyID: try tr.optionalString("key_id"), name: try tr.string("name"),
                     model: try tr.string("model"), provider: try tr.optionalString("provider"), status: try tr.status(),
                     httpStatus: try tr.int("http_status"), user: try tr.optionalString("user"),
                     sessionID: try tr.optionalString("session_id"),
                     tags: (o["tags"]?.arrayValue ?? []).compactMap(\.stringValue), metadata: metadata,
                     input: o["input"] ?? .null, output: o["output"], error: try tr.optionalString("error"),
                     latencyMs: try tr.double("latency_ms"), ttftMs: try tr.optionalDouble("ttft_ms"), usage: try tr.usage(),
                     costUSD: try tr.optionalDouble("cost_usd"),
                     createdAt: Date(timeIntervalSince1970: try tr.double("created_at")), generations: generations)
    }

    private struct Writer {
        var out: [UInt8] = []
        var first = true

        mutating func key(_ name: String) {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            JSONValue.writeString(name, into: &out)
            out.append(UInt8(ascii: ":"))
        }

        mutating func field(_ name: String, _ value: JSONValue) {
            key(name)
            value.write(into: &out)
        }

        mutating func string(_ name: String, _ value: String?) {
            guard let value else { return }
            key(name)
            JSONValue.writeString(value, into: &out)
        }

        mutating func usage(_ usage: Usage?) {
            guard let usage else { return }
            field("prompt_tokens", .int(Int64(usage.promptTokens)))
            field("completion_tokens", .int(Int64(usage.completionTokens)))
        }

        mutating func generation(_ g: Generation) {
            let outerFirst = first
            first = true
            out.append(UInt8(ascii: "{"))
            string("id", g.id)
            string("model", g.model)
            string("resolved_model", g.resolvedModel)
            string("provider", g.provider)
            field("parameters", g.parameters)
            string("finish_reason", g.finishReason)
            string("status", g.status.rawValue)
            field("http_status", .int(Int64(g.httpStatus)))
            string("error", g.error)
            usage(g.usage)
            if let cost = g.costUSD { field("cost_usd", .double(cost)) }
            field("latency_ms", .double(g.latencyMs))
            if let ttft = g.ttftMs { field("ttft_ms", .double(ttft)) }
            field("started_at", .double(g.startedAt.timeIntervalSince1970))
            out.append(UInt8(ascii: "}"))
            first = outerFirst
        }
    }

    private struct Reader {
        let object: JSONObject
        let owner: String

        func string(_ key: String) throws(Corrupt) -> String {
            guard let value = try optionalString(key) else { throw Corrupt(description: "\(owner) has no '\(key)'") }
            return value
        }

        func optionalString(_ key: String) throws(Corrupt) -> String? {
            guard let value = object[key], !value.isNull else { return nil }
            guard let text = value.stringValue else { throw Corrupt(description: "'\(key)' of \(owner) is not a string") }
            return text
        }

        func int(_ key: String) throws(Corrupt) -> Int {
            guard let value = object[key]?.intValue else { throw Corrupt(description: "\(owner) has no integer '\(key)'") }
            return value
        }

        func double(_ key: String) throws(Corrupt) -> Double {
            guard let value = try optionalDouble(key) else { throw Corrupt(description: "\(owner) has no '\(key)'") }
            return value
        }

        func optionalDouble(_ key: String) throws(Corrupt) -> Double? {
            guard let value = object[key], !value.isNull else { return nil }
            guard let number = value.doubleValue else { throw Corrupt(description: "'\(key)' of \(owner) is not a number") }
            return number
        }

        func status() throws(Corrupt) -> TraceStatus {
            let text = try string("status")
            guard let status = TraceStatus(rawValue: text) else { throw Corrupt(description: "status of \(owner) is '\(text)'") }
            return status
        }

        func usage() throws(Corrupt) -> Usage? {
            guard object["prompt_tokens"] != nil || object["completion_tokens"] != nil else { return nil }
            return Usage(promptTokens: try int("prompt_tokens"), completionTokens: try int("completion_tokens"))
        }

        func generation(traceID: String) throws(Corrupt) -> Generation {
            Generation(id: try string("id"), traceID: traceID, model: try string("model"), resolvedModel: try string("resolved_model"),
                       provider: try string("provider"), parameters: object["parameters"] ?? .null,
                       finishReason: try optionalString("finish_reason"), status: try status(), httpStatus: try int("http_status"),
                       error: try optionalString("error"), usage: try usage(), costUSD: try optionalDouble("cost_usd"),
                       latencyMs: try double("latency_ms"), ttftMs: try optionalDouble("ttft_ms"),
                       startedAt: Date(timeIntervalSince1970: try double("started_at")))
        }
    }
}
