import Foundation

extension StoredColumns {
    /// A score value as the stores keep it: its kind, a number (booleans as 0 or 1) and a label.
    public static func columns(of value: ScoreValue) -> (kind: String, number: Double?, label: String?) {
        switch value {
        case .numeric(let n): return (ScoreKind.numeric.rawValue, n, nil)
        case .categorical(let label): return (ScoreKind.categorical.rawValue, nil, label)
        case .boolean(let b): return (ScoreKind.boolean.rawValue, b ? 1 : 0, nil)
        }
    }

    /// The target's columns: a trace id, or a run id and item.
    public static func columns(of target: ScoreTarget) -> (traceID: String?, runID: String?, item: Int?) {
        (target.traceID, target.runID, target.item)
    }

    /// A target read back from its columns; `owner` names the row in the error.
    public static func target(traceID: String?, runID: String?, item: Int?, of owner: String) throws(Corrupt) -> ScoreTarget {
        switch (traceID, runID, item) {
        case (let trace?, nil, nil): return .trace(trace)
        case (nil, let run?, let index?): return .experimentItem(runID: run, item: index)
        default: throw Corrupt(description: "the target of \(owner) is neither a trace nor a run item")
        }
    }

    /// A score read back from its columns.
    public static func score(id: String, project: String, traceID: String?, runID: String?, item: Int?, name: String,
                             kind: String, number: Double?, label: String?, comment: String?, source: String,
                             author: String, queueID: String?, createdAtMicros: Int64) throws(Corrupt) -> Score {
        let value: ScoreValue
        switch (ScoreKind(rawValue: kind), number, label) {
        case (.numeric?, let n?, _): value = .numeric(n)
        case (.boolean?, let n?, _): value = .boolean(n != 0)
        case (.categorical?, _, let l?): value = .categorical(l)
        default: throw Corrupt(description: "scores.kind of \(id) is '\(kind)' without its value")
        }
        guard let parsedSource = ScoreSource(rawValue: source) else {
            throw Corrupt(description: "scores.source of \(id) is '\(source)', not api, human or eval")
        }
        return Score(id: id, project: project, target: try target(traceID: traceID, runID: runID, item: item, of: id),
                     name: name, value: value, comment: comment, source: parsedSource, author: author, queueID: queueID,
                     createdAt: Date(epochMicros: createdAtMicros))
    }

    /// A definition's rule as columns: kind, range and the labels as a JSON array.
    public static func columns(of rule: ScoreDefinition.Rule) -> (kind: String, min: Double?, max: Double?, categories: String?) {
        switch rule {
        case .numeric(let min, let max): return (ScoreKind.numeric.rawValue, min, max, nil)
        case .categorical(let labels):
            return (ScoreKind.categorical.rawValue, nil, nil, JSONValue.array(labels.map { .string($0) }).serializedString())
        case .boolean: return (ScoreKind.boolean.rawValue, nil, nil, nil)
        }
    }

    /// A definition read back from its columns.
    public static func scoreDefinition(project: String, name: String, kind: String, min: Double?, max: Double?,
                                       categories: String?, description: String, author: String,
                                       createdAtMicros: Int64) throws(Corrupt) -> ScoreDefinition {
        let rule: ScoreDefinition.Rule
        switch (ScoreKind(rawValue: kind), min, max, categories) {
        case (.numeric?, let lo?, let hi?, _): rule = .numeric(min: lo, max: hi)
        case (.categorical?, _, _, let text?):
            guard let labels = try json(text, column: "score_definitions.categories", of: name).arrayValue?.compactMap(\.stringValue)
            else { throw Corrupt(description: "score_definitions.categories of \(name) is not an array") }
            rule = .categorical(labels)
        case (.boolean?, _, _, _): rule = .boolean
        default: throw Corrupt(description: "score_definitions.kind of \(name) is '\(kind)' without its rule")
        }
        return ScoreDefinition(project: project, name: name, rule: rule, description: description, author: author,
                               createdAt: Date(epochMicros: createdAtMicros))
    }

    /// A queue read back from its columns; `scoreNames` is a JSON array.
    public static func annotationQueue(id: String, project: String, name: String, description: String, scoreNames: String,
                                       runID: String?, leaseSeconds: Int, itemCount: Int, author: String,
                                       createdAtMicros: Int64) throws(Corrupt) -> AnnotationQueue {
        guard let names = try json(scoreNames, column: "annotation_queues.score_names", of: id).arrayValue?.compactMap(\.stringValue)
        else { throw Corrupt(description: "annotation_queues.score_names of \(id) is not an array") }
        return AnnotationQueue(id: id, project: project, name: name, description: description, scoreNames: names, runID: runID,
                               leaseSeconds: leaseSeconds, itemCount: itemCount, author: author,
                               createdAt: Date(epochMicros: createdAtMicros))
    }

    /// A queue item read back from its columns.
    public static func queueItem(queueID: String, position: Int, traceID: String?, runID: String?, item: Int?, state: String,
                                 reviewer: String?, leaseExpiresMicros: Int64?, doneMicros: Int64?) throws(Corrupt) -> QueueItem {
        let owner = "\(queueID)[\(position)]"
        guard let parsed = QueueItem.State(rawValue: state) else {
            throw Corrupt(description: "annotation_queue_items.state of \(owner) is '\(state)'")
        }
        return QueueItem(queueID: queueID, position: position, target: try target(traceID: traceID, runID: runID, item: item, of: owner),
                         state: parsed, reviewer: reviewer, leaseExpiresAt: leaseExpiresMicros.map(Date.init(epochMicros:)),
                         doneAt: doneMicros.map(Date.init(epochMicros:)))
    }
}
