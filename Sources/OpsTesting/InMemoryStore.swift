import Foundation
import OpsCore

/// An `OpsStore` in memory, for tests of code that needs a store but not a database.
/// It passes the same contract suite as the real stores, so it behaves like them: times are kept
/// to the microsecond, a batch with a duplicate id is rejected whole, projects are isolated.
public actor InMemoryStore: OpsStore {
    var traces: [String: Trace] = [:]
    private var projectNames: Set<String> = []
    private var keys: [String: APIKey] = [:]
    private var migrated = false
    private nonisolated let limitStates = InMemoryLimitStore()
    /// On: every limit transaction fails (a limit store that lost its database).
    public nonisolated let limitFailures = FailureSwitch()
    private var routeChangeLog: [StoredRouteChange] = []
    /// Prompts, datasets, experiments and reviews live in their own in-memory stores; `InMemoryStore+Prompts`,
    /// `+Datasets`, `+Experiments` and `+Review` forward to them.
    let promptStore = InMemoryPromptStore()
    let datasetStore = InMemoryDatasetStore()
    let experimentStore = InMemoryExperimentStore()
    let reviewStore = InMemoryReviewStore()
    let auditStore = InMemoryAuditStore()
    let secretStore = InMemorySecretStore()
    let sessionStore = InMemoryConsoleSessionStore()

    public init() {}

    /// The error a rejected write throws.
    public struct Conflict: Error, CustomStringConvertible {
        public var description: String
    }

    @discardableResult
    public func migrate() async throws -> [Int] {
        if migrated { return [] }
        migrated = true
        return [1, 2, 3, 4, 5, 6, 7, 8, 10, 11]
    }

    public nonisolated func transact<Result: Sendable>(_ keys: [String], _ body: (inout LimitStates) -> Result)
        async throws -> Result {
        try limitFailures.check("checking limits")
        return try await limitStates.transact(keys, body)
    }

    public func appendRouteChange(project: String, actor: String, at date: Date, routes: JSONValue) async throws -> StoredRouteChange {
        let version = (routeChangeLog.last(where: { $0.project == project })?.version ?? 0) + 1
        let change = StoredRouteChange(project: project, version: version, actor: actor,
                                       createdAt: Date(epochMicros: date.epochMicros), routes: routes)
        routeChangeLog.append(change)
        return change
    }

    public func latestRouteChange(project: String) async throws -> StoredRouteChange? {
        routeChangeLog.last { $0.project == project }
    }

    public func routeChanges(project: String, limit: Int) async throws -> [StoredRouteChange] {
        Array(routeChangeLog.reversed().filter { $0.project == project }.prefix(max(0, limit)))
    }

    public func routeChange(project: String, version: Int) async throws -> StoredRouteChange? {
        routeChangeLog.first { $0.project == project && $0.version == version }
    }

    public func routeVersions() async throws -> [String: Int] {
        routeChangeLog.reduce(into: [:]) { $0[$1.project] = max($0[$1.project] ?? 0, $1.version) }
    }

    public func ping() async throws {}
    public func close() async throws {}

    public func insertTraces(_ batch: [Trace]) async throws {
        // Generations are keyed by (trace, position), as in the SQL stores: only trace ids clash.
        var seenTraces = Set<String>()
        for trace in batch {
            guard traces[trace.id] == nil, seenTraces.insert(trace.id).inserted else {
                throw Conflict(description: "duplicate trace id \(trace.id)")
            }
        }
        for trace in batch { traces[trace.id] = Self.truncatedToMicros(trace) }
    }

    public func trace(id: String, project: String) async throws -> Trace? {
        guard let trace = traces[id], trace.project == project else { return nil }
        return trace
    }

    public func listTraces(_ query: TraceQuery) async throws -> TracePage {
        let limit = min(max(query.limit, 1), 1000)
        let matching = traces.values.filter { Self.matches($0, query) }.sorted(by: Self.newestFirst)
        let page = Array(matching.prefix(limit))
        let next = matching.count > limit
            ? page.last.map { TraceCursor(createdAtMicros: $0.createdAt.epochMicros, id: $0.id) } : nil
        return TracePage(traces: page, nextCursor: next)
    }

    public func tracePoints(project: String, from: Date, to: Date, limit: Int) async throws -> [TracePoint] {
        let lower = from.epochMicros, upper = to.epochMicros
        return traces.values
            .filter { $0.project == project && $0.createdAt.epochMicros >= lower && $0.createdAt.epochMicros < upper }
            .sorted { !Self.newestFirst($0, $1) }
            .prefix(max(limit, 0))
            .map { trace in
                TracePoint(createdAt: trace.createdAt, model: trace.model, status: trace.status,
                           latencyMs: trace.latencyMs, ttftMs: trace.ttftMs,
                           totalTokens: trace.usage?.totalTokens ?? 0, costUSD: trace.costUSD ?? 0)
            }
    }

    public func ensureProject(_ name: String) async throws { projectNames.insert(name) }

    public func projects() async throws -> [String] { projectNames.sorted() }

    public func insertKey(_ key: APIKey) async throws {
        guard keys[key.id] == nil, !keys.values.contains(where: { $0.secretHash == key.secretHash }) else {
            throw Conflict(description: "duplicate key id or secret hash for \(key.id)")
        }
        projectNames.insert(key.project)
        var stored = key
        stored.createdAt = Date(epochMicros: key.createdAt.epochMicros)
        stored.revokedAt = key.revokedAt.map { Date(epochMicros: $0.epochMicros) }
        stored.expiresAt = key.expiresAt.map { Date(epochMicros: $0.epochMicros) }
        keys[key.id] = stored
    }

    public func key(secretHash: String) async throws -> APIKey? {
        keys.values.first { $0.secretHash == secretHash }
    }

    public func listKeys(project: String?) async throws -> [APIKey] {
        keys.values.filter { project == nil || $0.project == project }.sorted {
            ($0.createdAt.epochMicros, $0.id) > ($1.createdAt.epochMicros, $1.id)
        }
    }

    public func revokeKey(id: String, at date: Date) async throws -> Bool {
        guard var key = keys[id] else { return false }
        if key.revokedAt == nil { key.revokedAt = Date(epochMicros: date.epochMicros) }
        keys[id] = key
        return true
    }

    public func expireKey(id: String, at date: Date) async throws -> Bool {
        guard var key = keys[id] else { return false }
        let micros = Date(epochMicros: date.epochMicros)
        key.expiresAt = min(key.expiresAt ?? micros, micros)
        keys[id] = key
        return true
    }

    private static func matches(_ trace: Trace, _ query: TraceQuery) -> Bool {
        let micros = trace.createdAt.epochMicros
        if trace.project != query.project { return false }
        if let from = query.from, micros < from.epochMicros { return false }
        if let to = query.to, micros >= to.epochMicros { return false }
        if let model = query.model, trace.model != model { return false }
        if let status = query.status, trace.status != status { return false }
        if let user = query.user, trace.user != user { return false }
        if let session = query.sessionID, trace.sessionID != session { return false }
        if let tag = query.tag, !trace.tags.contains(tag) { return false }
        if let prompt = query.promptName, trace.metadata["prompt_name"]?.stringValue != prompt { return false }
        if let version = query.promptVersion, trace.metadata["prompt_version"]?.intValue != version { return false }
        if let cursor = query.cursor, (micros, trace.id) >= (cursor.createdAtMicros, cursor.id) { return false }
        return true
    }

    private static func newestFirst(_ a: Trace, _ b: Trace) -> Bool {
        (a.createdAt.epochMicros, a.id) > (b.createdAt.epochMicros, b.id)
    }

    // The real stores keep microseconds; doing the same here keeps tests honest about precision.
    private static func truncatedToMicros(_ trace: Trace) -> Trace {
        var trace = trace
        trace.createdAt = Date(epochMicros: trace.createdAt.epochMicros)
        trace.generations = trace.generations.map { generation in
            var generation = generation
            generation.startedAt = Date(epochMicros: generation.startedAt.epochMicros)
            return generation
        }
        return trace
    }
}
