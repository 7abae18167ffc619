import Foundation
import OpsCore
@testable import OpsGateway

/// A seeded generator, so random picks and jitter repeat exactly.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        return StableHasher.avalanche(state &- 0x9e37_79b9_7f4a_7c15)
    }
}

/// A monotonic clock moved by hand; sleeping advances it and records the wait.
final class ManualMonotonicClock: MonotonicClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Duration = .seconds(1_000)
    private var waits: [Duration] = []

    func now() -> Duration { lock.withLock { current } }
    func advance(by duration: Duration) { lock.withLock { current += duration } }
    func sleep(for duration: Duration) async throws {
        lock.withLock {
            waits.append(duration)
            current += duration
        }
    }
    var sleeps: [Duration] { lock.withLock { waits } }
}

/// A wall clock set by hand.
final class ManualWallClock: WallClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    init(_ date: Date) { current = date }
    func now() -> Date { lock.withLock { current } }
    func advance(seconds: Double) { lock.withLock { current += seconds } }
    func set(_ date: Date) { lock.withLock { current = date } }
}

/// A chat model that plays a script: each call takes the next step (answer or error).
final class ScriptedChatModel: ChatModel, @unchecked Sendable {
    enum Step {
        case answer(String)
        case fail(any Error)
        /// Streams these chunks, then fails with the error if one is given.
        case chunks([String], then: (any Error)?)
    }

    private let lock = NSLock()
    private var steps: [Step]
    private var seen: [ChatRequest] = []
    let name: String

    init(_ name: String, _ steps: [Step]) {
        self.name = name
        self.steps = steps
    }

    var calls: [ChatRequest] { lock.withLock { seen } }

    private func take(_ request: ChatRequest) -> Step {
        lock.withLock {
            seen.append(request)
            return steps.isEmpty ? .answer("\(name) default") : steps.removeFirst()
        }
    }

    func complete(_ request: ChatRequest) async throws -> ChatResponse {
        switch take(request) {
        case .answer(let text): return Self.response(text, model: name)
        case .fail(let error): throw error
        case .chunks(let parts, _): return Self.response(parts.joined(), model: name)
        }
    }

    func stream(_ request: ChatRequest) async throws -> AsyncThrowingStream<ChatChunk, Error> {
        let (parts, failure): ([String], (any Error)?)
        switch take(request) {
        case .answer(let text): (parts, failure) = ([text], nil)
        case .fail(let error): throw error
        case .chunks(let p, let e): (parts, failure) = (p, e)
        }
        let model = name
        return AsyncThrowingStream { continuation in
            for part in parts {
                continuation.yield(ChatChunk(id: "c", created: 0, model: model,
                                             choices: [ChunkChoice(index: 0, delta: ChatDelta(content: part))]))
            }
            continuation.finish(throwing: failure)
        }
    }

    static func response(_ text: String, model: String) -> ChatResponse {
        ChatResponse(id: "r", created: 0, model: model,
                     choices: [ChatChoice(index: 0, message: .assistant(text), finishReason: "stop")])
    }
}

/// An embedder that returns the vectors it was given for each text.
struct TableEmbedder: Embedder {
    var table: [String: [Float]]
    var modelName: String { "table" }
    var dimensions: Int { table.values.first?.count ?? 0 }
    func embed(_ texts: [String]) async throws -> EmbeddingBatch {
        EmbeddingBatch(vectors: texts.map { table[$0] ?? [Float](repeating: 0, count: dimensions) }, promptTokens: texts.count)
    }
}

extension OpsError {
    static let serverError = OpsError(.upstream(status: 500), "upstream 500")
    static let tooManyRequests = OpsError(.upstream(status: 429), "upstream 429")
    static let badRequest = OpsError(.upstream(status: 400), "bad request")
    static let contextTooLong = OpsError(.upstream(status: 400), "too long", code: "context_length_exceeded")
    static let contentPolicy = OpsError(.upstream(status: 400), "refused", code: "content_policy_violation")
}
