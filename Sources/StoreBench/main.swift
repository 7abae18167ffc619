import Foundation
import OpsCore
import OpsPostgres
import OpsSQLite
import OpsTelemetry

// Store write throughput: traces with two generations each, written in batches as the trace
// recorder does; one trace per commit and, beside it, one trace per trace-journal append (what
// strict tracing does per call with and without the journal). Prints figures; asserts nothing.

/// Ids as the gateway makes them (time-ordered trace ids, random span ids): where rows land in the
/// B-trees decides how many pages each commit rewrites.
func makeBatch(_ start: Int, _ count: Int) -> [Trace] {
    (start..<start + count).map { i in
        let created = Date(epochMicros: 1_767_225_600_000_000 + Int64(i) * 1000)
        let id = Identifier.traceID(now: created)
        let generations = (0..<2).map { _ in
            Generation(traceID: id, model: "gpt-4o-mini", resolvedModel: "gpt-4o-mini-2024-07-18",
                       provider: "openai", parameters: ["temperature": 0.7, "max_tokens": 256], finishReason: "stop",
                       usage: Usage(promptTokens: 120, completionTokens: 48), costUSD: 0.000047, latencyMs: 230.5,
                       ttftMs: 80.25, startedAt: created)
        }
        return Trace(id: id, project: "bench", keyID: "key_bench", name: "chat.completions", model: "gpt-4o-mini",
                     provider: "openai", user: "user-\(i % 100)", sessionID: "session-\(i % 1000)", tags: ["bench", "prod"],
                     metadata: JSONObject([("team", "search"), ("attempt", 1)]),
                     input: ["messages": [["role": "user", "content": "Summarise the quarterly report in three bullet points."]]],
                     output: ["role": "assistant", "content": "- Revenue grew 12%\n- Costs fell\n- Outlook positive"],
                     latencyMs: 231.0, ttftMs: 80.5, usage: Usage(promptTokens: 120, completionTokens: 48),
                     costUSD: 0.000047, createdAt: created, generations: generations)
    }
}

/// One attempt per call and no user or session, as the gateway benchmark's calls.
func gatewayLikeTraces(_ start: Int, _ count: Int) -> [Trace] {
    makeBatch(start, count).map { trace in
        var one = trace
        one.generations = Array(trace.generations.prefix(1))
        one.user = nil
        one.sessionID = nil
        return one
    }
}

func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

func measure(_ label: String, store: any OpsStore, batchSize: Int, traces total: Int) async throws {
    let batches = stride(from: 0, to: total, by: batchSize).map { makeBatch($0, min(batchSize, total - $0)) }
    let cpuStart = cpuSeconds()
    let start = ContinuousClock.now
    for batch in batches { try await store.insertTraces(batch) }
    let elapsed = ContinuousClock.now - start
    let cpu = cpuSeconds() - cpuStart
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let generations = Double(total * 2)
    // On a shared machine the CPU figure is the steadier of the two.
    print(String(format: "%@  batch %5d traces: %8.0f generations/s wall, %8.0f per CPU-second  (%d generations, %.2f s wall, %.2f s CPU)",
                 label, batchSize, generations / seconds, generations / cpu, total * 2, seconds, cpu))
}

/// One trace per transaction on the calling thread, as strict tracing commits at one connection
/// (`insertTracesBlocking`): microseconds per commit and the WAL pages each commit writes. Each
/// round starts on a checkpointed WAL and reads the frame count back from the next checkpoint
/// (1,000 commits stay below the writer's own checkpoint threshold).
func measureSingleCommits(_ store: SQLiteStore, rounds: Int, commitsPerRound count: Int) async throws {
    var seconds = 0.0, cpu = 0.0, frames = 0
    for round in 0..<rounds {
        let traces = gatewayLikeTraces(round * count, count)
        _ = try await store.checkpoint()
        let cpuStart = cpuSeconds()
        let start = ContinuousClock.now
        for trace in traces { try store.insertTracesBlocking([trace]) }
        let elapsed = ContinuousClock.now - start
        cpu += cpuSeconds() - cpuStart
        seconds += Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        frames += try await store.checkpoint().walPages
    }
    let commits = Double(rounds * count)
    print(String(format: "sqlite    one trace per commit: %6.1f µs wall, %6.1f µs CPU, %.2f WAL pages per commit  (%d commits)",
                 seconds / commits * 1e6, cpu / commits * 1e6, Double(frames) / commits, rounds * count))
}

/// What strict tracing with the trace journal does per call instead (the same traces as
/// `measureSingleCommits`): encode the trace and append it to the journal, one `write`.
func measureJournalAppends(rounds: Int, appendsPerRound count: Int) throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("llmops-bench-journal-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let journal = try TraceJournal(directory: directory)
    _ = try journal.recover(after: 0)
    try journal.start()
    var seconds = 0.0, cpu = 0.0, bytes = 0
    for round in 0..<rounds {
        let traces = gatewayLikeTraces(round * count, count)
        let cpuStart = cpuSeconds()
        let start = ContinuousClock.now
        for trace in traces {
            let record = TraceRecordCodec.encode(trace)
            bytes += record.count
            _ = try journal.append(record) { $0 }
        }
        let elapsed = ContinuousClock.now - start
        cpu += cpuSeconds() - cpuStart
        seconds += Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        journal.release(through: journal.nextSequence - 1)
    }
    let appends = Double(rounds * count)
    print(String(format: "journal   one trace per append: %6.1f µs wall, %6.1f µs CPU, %.0f bytes per record  (%d appends)",
                 seconds / appends * 1e6, cpu / appends * 1e6, Double(bytes) / appends, rounds * count))
}

/// A migrated SQLite store in a fresh temporary directory, removed once `body` is done.
func withTemporarySQLiteStore(_ body: (SQLiteStore) async throws -> Void) async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("llmops-bench-\(UUID().uuidString)")
    let store = try SQLiteStore(path: directory.appendingPathComponent("bench.sqlite").path)
    try await store.migrate()
    try await body(store)
    try await store.close()
    try? FileManager.default.removeItem(at: directory)
}

let total = Int(ProcessInfo.processInfo.environment["BENCH_TRACES"] ?? "") ?? 50_000
try await withTemporarySQLiteStore { store in
    try await measureSingleCommits(store, rounds: 1, commitsPerRound: 1000)  // warm-up: caches, first pages
    try await measureSingleCommits(store, rounds: 5, commitsPerRound: 1000)
}
try measureJournalAppends(rounds: 1, appendsPerRound: 1000)  // warm-up
try measureJournalAppends(rounds: 5, appendsPerRound: 1000)
for batchSize in [16, 100, 1000] {
    try await withTemporarySQLiteStore { store in
        try await measure("sqlite  ", store: store, batchSize: batchSize, traces: total)
    }
}
if let url = ProcessInfo.processInfo.environment["LLMOPS_TEST_POSTGRES_URL"] {
    for batchSize in [100, 1000] {
        let schema = "bench_" + Identifier.hex(bytes: 6)
        let store = try PostgresStore(url: url + (url.contains("?") ? "&" : "?") + "schema=\(schema)")
        try await store.migrate()
        try await measure("postgres", store: store, batchSize: batchSize, traces: total / 5)
        try await store.close()
        print("  (schema \(schema) left in place; drop it with: DROP SCHEMA \(schema) CASCADE)")
    }
}
