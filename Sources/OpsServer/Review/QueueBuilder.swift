import OpsCore

/// Turns a `QueueRequest` into a queue and its fixed list of items: checks the score definitions
/// exist, resolves a trace filter to the traces it matches now, checks explicit trace ids and the
/// run, all within the key's project.
struct QueueBuilder {
    let store: any OpsStore
    let clock: any WallClock

    func build(_ request: QueueRequest, key: APIKey) async throws -> (AnnotationQueue, [ScoreTarget]) {
        for (i, name) in request.scoreNames.enumerated()
        where try await store.scoreDefinition(project: key.project, name: name) == nil {
            throw OpsError(.notFound, "No score definition '\(name)'; create it with POST /api/score-definitions",
                           param: "score_definitions[\(i)]", code: "score_definition_not_found")
        }
        let targets: [ScoreTarget]
        var runID: String?
        let checker = ScoreTargets(store: store, project: key.project)
        switch request.source {
        case .traceIDs(let ids):
            for (i, id) in ids.enumerated() { try await checker.check(.trace(id), param: "trace_ids[\(i)]") }
            targets = ids.map { .trace($0) }
        case .traceFilter(let filters):
            targets = try await matching(filters, project: key.project).map { .trace($0) }
        case .experimentRun(let id):
            let run = try await checker.run(id)
            guard run.itemCount > 0 else { throw OpsError.invalid("Run '\(id)' has no items to review", param: "run_id") }
            guard run.itemCount <= AnnotationQueue.maxItems else {
                throw OpsError.invalid("Run '\(id)' has \(run.itemCount) items; a queue holds at most \(AnnotationQueue.maxItems)",
                                       param: "run_id")
            }
            runID = run.id
            targets = (0..<run.itemCount).map { .experimentItem(runID: run.id, item: $0) }
        }
        let queue = AnnotationQueue(project: key.project, name: request.name, description: request.description,
                                    scoreNames: request.scoreNames, runID: runID, leaseSeconds: request.leaseSeconds,
                                    itemCount: targets.count, author: key.id, createdAt: clock.now())
        return (queue, targets)
    }

    /// The ids of the traces the filter matches, oldest first (the order reviewers see them in).
    private func matching(_ filters: [String: String], project: String) async throws -> [String] {
        var query = try TraceQuery(project: project, filters: filters, paramPrefix: "trace_filter.")
        query.limit = 1000
        var ids: [String] = []
        while true {
            let page = try await store.listTraces(query)
            ids += page.traces.map(\.id)
            guard ids.count <= AnnotationQueue.maxItems else {
                throw OpsError.invalid("trace_filter matches more than \(AnnotationQueue.maxItems) traces; narrow it "
                                       + "(from, to, model, tag, …)", param: "trace_filter")
            }
            guard let next = page.nextCursor else { break }
            query.cursor = next
        }
        guard !ids.isEmpty else { throw OpsError.invalid("trace_filter matches no traces", param: "trace_filter") }
        return ids.reversed()
    }
}
