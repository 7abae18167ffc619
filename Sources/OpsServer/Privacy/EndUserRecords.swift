import Foundation
import OpsCore

/// One end user's records in one project, gathered from the store: what an export returns and an
/// erasure removes. The link from a record to the user is the `user` field of the traces: scores and
/// queue items point at those traces, dataset items name them in `metadata.trace_id`.
struct EndUserRecords {
    /// A dataset item made from one of the user's traces, where it sits.
    struct DerivedItem {
        var dataset: String
        var version: String
        var position: Int
        var item: DatasetItem
    }

    var traces: [Trace] = []
    var scores: [Score] = []
    var queueItems: [QueueItem] = []
    var datasetItems: [DerivedItem] = []

    var traceIDs: Set<String> { Set(traces.map(\.id)) }

    /// Every trace of `user` in `project`, oldest first, with generations, scores, queue items and
    /// the dataset items made from them (in every version of every dataset of the project).
    static func gather(user: String, project: String, store: any OpsStore) async throws -> EndUserRecords {
        var records = EndUserRecords()
        records.traces = try await traces(user: user, project: project, store: store)
        for trace in records.traces {
            records.scores += try await store.scores(project: project, target: .trace(trace.id))
        }
        records.queueItems = try await store.queueItems(project: project, traceIDs: records.traces.map(\.id))
        let ids = records.traceIDs
        guard !ids.isEmpty else { return records }
        for dataset in try await store.datasets(project: project) {
            for summary in try await store.versions(project: project, dataset: dataset.dataset) {
                guard let version = try await store.version(project: project, dataset: dataset.dataset, hash: summary.hash) else {
                    continue
                }
                for (position, item) in version.items.enumerated() where isDerived(item, from: ids) {
                    records.datasetItems.append(DerivedItem(dataset: dataset.dataset, version: version.hash, position: position, item: item))
                }
            }
        }
        return records
    }

    /// All pages of the user's traces, oldest first.
    static func traces(user: String, project: String, store: any OpsStore) async throws -> [Trace] {
        var query = TraceQuery(project: project, user: user, limit: 1000)
        var traces: [Trace] = []
        while true {
            let page = try await store.listTraces(query)
            traces += page.traces
            guard let next = page.nextCursor else { break }
            query.cursor = next
        }
        return traces.reversed()
    }

    /// Whether `item` was made from one of `traceIDs` ("add to dataset" puts the trace id in its metadata).
    static func isDerived(_ item: DatasetItem, from traceIDs: Set<String>) -> Bool {
        item.metadata["trace_id"]?.stringValue.map(traceIDs.contains) ?? false
    }

    /// The export, one JSON object per line, each with a `type`: `user` (first), `trace`,
    /// `generation`, `score`, `queue_item`, `dataset_item`.
    func jsonl(user: String, project: String, at now: Date) -> [UInt8] {
        var lines: [JSONValue] = [[
            "type": "user", "user": .string(user), "project": .string(project), "exported_at": .string(now.iso8601),
            "counts": ["traces": .int(Int64(traces.count)), "generations": .int(Int64(traces.reduce(0) { $0 + $1.generations.count })),
                       "scores": .int(Int64(scores.count)), "queue_items": .int(Int64(queueItems.count)),
                       "dataset_items": .int(Int64(datasetItems.count))],
        ]]
        for trace in traces {
            var o = trace.apiJSON.objectValue ?? JSONObject()
            o["generations"] = nil
            lines.append(Self.typed("trace", o))
            for generation in trace.generations {
                var g = generation.apiJSON.objectValue ?? JSONObject()
                g["trace_id"] = .string(trace.id)
                lines.append(Self.typed("generation", g))
            }
        }
        lines += scores.map { Self.typed("score", $0.json.objectValue ?? JSONObject()) }
        lines += queueItems.map { Self.typed("queue_item", $0.json.objectValue ?? JSONObject()) }
        lines += datasetItems.map { derived in
            var o = JSONObject([("dataset", .string(derived.dataset)), ("version", .string(derived.version)),
                                ("position", .int(Int64(derived.position)))])
            for entry in (derived.item.json.objectValue ?? JSONObject()).entries { o[entry.key] = entry.value }
            return Self.typed("dataset_item", o)
        }
        var bytes: [UInt8] = []
        for line in lines {
            bytes += line.serialized()
            bytes.append(UInt8(ascii: "\n"))
        }
        return bytes
    }

    private static func typed(_ type: String, _ object: JSONObject) -> JSONValue {
        var o = JSONObject([("type", .string(type))])
        for entry in object.entries where entry.key != "type" { o[entry.key] = entry.value }
        return .object(o)
    }
}
