import OpsCore

/// Turns a `QueueRequest` into a queue and its fixed list of items, and a `QueueAddition` into more
/// items for an existing queue: checks the score definitions exist, resolves a trace filter to the
/// traces it matches now, checks explicit trace ids and the run, all within the key's project.
/// The API and the console both go through it.
struct QueueBuilder {
    let store: any OpsStore
    let clock: any WallClock

    func build(_ request: QueueRequest, key: APIKey) async throws -> (AnnotationQueue, [ScoreTarget]) {
        for (i, name) in request.scoreNames.enumerated()
        where try await store.scoreDefinition(project: key.project, name: name) == nil {
            throw OpsError(.notFound, "No score definition '\(name)'; create it first (POST /api/score-definitions or the Review page)",
                           param: "score_definitions[\(i)]", code: "score_definition_not_found")
        }
        let targets = try await self.targets(request.source, project: key.project)
        let queue = AnnotationQueue(project: key.project, name: request.name, description: request.description,
                                    scoreNames: request.scoreNames, runID: targets.first?.runID, leaseSeconds: request.leaseSeconds,
                                    itemCount: targets.count, author: key.id, createdAt: clock.now())
        return (queue, targets)
    }

    /// Appends what `addition` names to `queue` (which must hold that kind of item): the items added,
    /// and how many targets the addition named (those the queue already held are left out).
    func add(_ addition: QueueAddition, to queue: AnnotationQueue, key: APIKey) async throws -> (added: [QueueItem], named: Int) {
        if let error = queue.additionError(addition.source) { throw error }
        let targets = try await self.targets(addition.source, project: key.project)
        do {
            return (try await store.appendQueueItems(queueID: queue.id, project: key.project, targets: targets), targets.count)
        } catch var error as OpsError where error.code == "queue_full" {
            error.param = addition.source.param
            throw error
        }
    }

    /// The items `source` names, checked within `project`, in review order.
    private func targets(_ source: QueueRequest.Source, project: String) async throws -> [ScoreTarget] {
        let checker = ScoreTargets(store: store, project: project)
        switch source {
        case .traceIDs(let ids):
            for (i, id) in ids.enumerated() { try await checker.check(.trace(id), param: "trace_ids[\(i)]") }
            return ids.map { .trace($0) }
        case .traceFilter(let filters):
            return try await matching(filters, project: project).map { .trace($0) }
        case .experimentRun(let id):
            let run = try await checker.run(id)
            guard run.itemCount > 0 else { throw OpsError.invalid("Run '\(id)' has no items to review", param: "run_id") }
            guard run.itemCount <= AnnotationQueue.maxItems else {
                throw OpsError.invalid("Run '\(id)' has \(run.itemCount) items; a queue holds at most \(AnnotationQueue.maxItems)",
                                       param: "run_id")
            }
            return (0..<run.itemCount).map { .experimentItem(runID: run.id, item: $0) }
        }
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
