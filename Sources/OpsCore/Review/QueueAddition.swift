import Foundation

/// `POST /api/queues/{id}/items` as read from its body: more items for an existing queue, named
/// like a new queue's (exactly one of `"trace_ids": [...]`, `"trace_filter": {...}` or `"run_id"`).
public struct QueueAddition: Sendable, Hashable {
    public var source: QueueRequest.Source

    public init(source: QueueRequest.Source) {
        self.source = source
    }

    public init(json: JSONValue) throws(OpsError) {
        let fields = try JSONFields(json)
        if let unknown = fields.object.keys.first(where: { !QueueRequest.Source.fieldNames.contains($0) }) {
            throw .invalid("\(unknown) is not a field of an addition to a queue (give trace_ids, trace_filter or run_id)",
                           param: unknown)
        }
        source = try QueueRequest.Source(fields: fields)
    }
}
