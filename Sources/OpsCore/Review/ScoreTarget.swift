/// What a score is about: a trace, or one item of an experiment run.
public enum ScoreTarget: Sendable, Hashable {
    case trace(String)
    case experimentItem(runID: String, item: Int)

    public var traceID: String? {
        if case .trace(let id) = self { return id }
        return nil
    }

    public var runID: String? {
        if case .experimentItem(let runID, _) = self { return runID }
        return nil
    }

    public var item: Int? {
        if case .experimentItem(_, let item) = self { return item }
        return nil
    }

    /// `{"trace_id": …}` or `{"run_id": …, "item": N}`, the fields the API uses.
    public var fields: [(String, JSONValue)] {
        switch self {
        case .trace(let id): return [("trace_id", .string(id))]
        case .experimentItem(let runID, let item): return [("run_id", .string(runID)), ("item", .int(Int64(item)))]
        }
    }

    /// A short readable name: the trace id, or `run_…#3`.
    public var label: String {
        switch self {
        case .trace(let id): return id
        case .experimentItem(let runID, let item): return "\(runID)#\(item)"
        }
    }
}
