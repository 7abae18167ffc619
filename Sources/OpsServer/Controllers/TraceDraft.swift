import Foundation
import HTTPTypes
import Hummingbird
import OpsCore

/// A trace being filled in while a call runs: started when authentication passed, finished
/// (ok or with the error) whatever happens after.
struct TraceDraft: Sendable {
    var trace: Trace
    let started = ContinuousClock.now

    static let sessionHeader = HTTPField.Name("x-session-id")!
    static let metadataHeader = HTTPField.Name("x-llmops-metadata")!
    static let tagsHeader = HTTPField.Name("x-llmops-tags")!
    static let traceIDHeader = HTTPField.Name("x-llmops-trace-id")!

    init(name: String, key: APIKey, request: Request, now: Date) {
        trace = Trace(project: key.project, keyID: key.id, name: name, model: "", createdAt: now)
        if let session = request.headers[Self.sessionHeader], !session.isEmpty { trace.sessionID = session }
        if let raw = request.headers[Self.metadataHeader],
           let parsed = try? JSONParser.parse(raw), let object = parsed.objectValue {
            trace.metadata = object
        }
        if let tags = request.headers[Self.tagsHeader] {
            trace.tags = tags.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
    }

    var elapsedMs: Double { Self.ms(started.duration(to: .now)) }

    static func ms(_ d: Duration) -> Double {
        Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
    }

    /// Merges the body's `metadata` object: `tags` and `session_id` inside it are lifted out.
    mutating func merge(metadata: JSONObject?, user: String?) {
        if let user { trace.user = user }
        guard let metadata else { return }
        for (key, value) in metadata {
            switch key {
            case "tags": trace.tags += value.arrayValue?.compactMap(\.stringValue) ?? []
            case "session_id": trace.sessionID = value.stringValue ?? trace.sessionID
            default: trace.metadata[key] = value
            }
        }
    }

    /// Marks the trace failed with the error the client will see.
    mutating func fail(_ error: any Error) {
        let e = HTTPErrorMapping.opsError(from: error)
        trace.status = .error
        trace.error = e.message
        trace.httpStatus = Int(HTTPErrorMapping.status(for: e).code)
        trace.latencyMs = elapsedMs
        for i in trace.generations.indices where trace.generations[i].status == .ok && trace.generations[i].error == nil {
            trace.generations[i].status = .error
            trace.generations[i].error = e.message
            trace.generations[i].httpStatus = trace.httpStatus
        }
    }
}
