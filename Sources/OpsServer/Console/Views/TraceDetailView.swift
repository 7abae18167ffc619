import Foundation
import OpsCore

/// The trace page's data: formatted metadata, the messages in and out, generations and raw JSON.
struct TraceDetailView {
    struct GenerationRow {
        var model: String
        var resolvedModel: String
        var provider: String
        var status: String
        var finishReason: String
        var latency: String
        var ttft: String
        var tokens: String
        var cost: String
        /// Why the attempt failed (HTTP status and message), for retries and fallbacks.
        var error: String?
    }

    var id: String
    var name: String
    var model: String
    var provider: String
    var status: String
    var httpStatus: Int
    var time: String
    var latency: String
    var ttft: String
    var tokens: String
    var cost: String
    var user: String
    var session: String
    var keyID: String
    var tags: String
    var metadata: String?
    var error: String?
    var input: [MessageView]
    var output: MessageView?
    var generations: [GenerationRow]
    var raw: String
    /// Feedback, reviews and evaluations of this trace, oldest first.
    var scores: [ScoreRowView]
    var hasScores: Bool
    /// The "add to queue" control, for keys that may add (nil for a viewer).
    var queueControl: AddToQueueView?

    init(_ trace: Trace, raw: JSONValue, scores: [Score] = []) {
        id = trace.id
        name = trace.name
        model = trace.model
        provider = trace.provider ?? "—"
        status = trace.status.rawValue
        httpStatus = trace.httpStatus
        time = ConsoleFormat.time(trace.createdAt)
        latency = ConsoleFormat.duration(trace.latencyMs)
        ttft = ConsoleFormat.duration(trace.ttftMs)
        tokens = trace.usage.map {
            "\(ConsoleFormat.count($0.totalTokens)) (\(ConsoleFormat.count($0.promptTokens)) prompt, \(ConsoleFormat.count($0.completionTokens)) completion)"
        } ?? "—"
        cost = ConsoleFormat.cost(trace.costUSD)
        user = trace.user ?? "—"
        session = trace.sessionID ?? "—"
        keyID = trace.keyID ?? "—"
        tags = trace.tags.isEmpty ? "—" : trace.tags.joined(separator: ", ")
        metadata = trace.metadata.isEmpty ? nil : JSONPretty.format(.object(trace.metadata))
        error = trace.error
        input = MessageView.list(from: trace.input)
        output = trace.output.map { MessageView(item: $0, defaultRole: "output") }
        generations = trace.generations.map { g in
            GenerationRow(model: g.model, resolvedModel: g.resolvedModel, provider: g.provider, status: g.status.rawValue,
                          finishReason: g.finishReason ?? "—", latency: ConsoleFormat.duration(g.latencyMs),
                          ttft: ConsoleFormat.duration(g.ttftMs), tokens: g.usage.map { ConsoleFormat.count($0.totalTokens) } ?? "—",
                          cost: ConsoleFormat.cost(g.costUSD), error: g.error.map { "HTTP \(g.httpStatus): \($0)" })
        }
        self.raw = JSONPretty.format(raw)
        self.scores = scores.map(ScoreRowView.init)
        hasScores = !scores.isEmpty
    }
}
