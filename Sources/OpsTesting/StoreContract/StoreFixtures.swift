import Foundation
import OpsCore

/// Traces and keys for store tests, at fixed microsecond times so round trips compare exactly.
public enum StoreFixtures {
    /// 2026-01-01T00:00:00Z.
    public static let epoch: Int64 = 1_767_225_600_000_000

    public static func date(secondsAfterEpoch seconds: Double) -> Date {
        Date(epochMicros: epoch + Int64((seconds * 1_000_000).rounded()))
    }

    /// A trace with every optional field set, unicode text, nested metadata and two generations.
    public static func fullTrace(id: String = Identifier.traceID(), project: String = "alpha",
                                 at seconds: Double = 0) -> Trace {
        let created = date(secondsAfterEpoch: seconds)
        let metadata = JSONObject([
            ("customer", "Zoë & Søren — 東京 🚀"),
            ("nested", ["depth": ["list": [1, 2.5, true, nil, "x"], "empty": [:]]]),
            ("count", 42),
            ("ratio", 0.125),
        ])
        let input: JSONValue = ["messages": [["role": "system", "content": "Réponds en français.\n\t\"quoted\""],
                                             ["role": "user", "content": "Привет, 世界! 👋"]]]
        let first = Generation(id: id + "-g1", traceID: id, model: "gpt-4o-mini", resolvedModel: "gpt-4o-mini-2024-07-18",
                               provider: "openai", parameters: ["temperature": 0.2, "max_tokens": 64, "stop": ["\n"]],
                               finishReason: nil, status: .error, httpStatus: 502, error: "upstream reset ⚡",
                               usage: nil, costUSD: nil, latencyMs: 12.5, ttftMs: nil, startedAt: created)
        let second = Generation(id: id + "-g2", traceID: id, model: "gpt-4o-mini", resolvedModel: "llama-3.1-8b",
                                provider: "vllm", parameters: ["temperature": 0.2], finishReason: "stop", status: .ok,
                                httpStatus: 200, usage: Usage(promptTokens: 17, completionTokens: 5),
                                costUSD: 0.000_012_75, latencyMs: 250.25, ttftMs: 80.5,
                                startedAt: date(secondsAfterEpoch: seconds + 0.013))
        return Trace(id: id, project: project, keyID: "key_0123456789abcdef01234567", name: "chat.completions",
                     model: "gpt-4o-mini", provider: "vllm", status: .ok, httpStatus: 200, user: "user-ü",
                     sessionID: "session-1", tags: ["prod", "café", "a b"], metadata: metadata, input: input,
                     output: ["role": "assistant", "content": "Bonjour 🌍"], error: nil, latencyMs: 263.75,
                     ttftMs: 93.0, usage: Usage(promptTokens: 17, completionTokens: 5), costUSD: 0.000_012_75,
                     createdAt: created, generations: [first, second])
    }

    /// A trace with every optional field nil and no generations.
    public static func bareTrace(id: String = Identifier.traceID(), project: String = "alpha",
                                 at seconds: Double = 0) -> Trace {
        Trace(id: id, project: project, name: "embeddings", model: "text-embedding-3-small",
              createdAt: date(secondsAfterEpoch: seconds))
    }

    /// A plain trace with the fields filters look at.
    public static func trace(id: String = Identifier.traceID(), project: String = "alpha", at seconds: Double,
                             model: String = "gpt-4o-mini", status: TraceStatus = .ok, user: String? = nil,
                             session: String? = nil, tags: [String] = [], tokens: Int = 10,
                             cost: Double = 0.001) -> Trace {
        let created = date(secondsAfterEpoch: seconds)
        let generation = Generation(id: id + "-g", traceID: id, model: model, resolvedModel: model,
                                    provider: "openai", status: status, httpStatus: status == .ok ? 200 : 500,
                                    usage: Usage(promptTokens: tokens, completionTokens: 0), costUSD: cost,
                                    latencyMs: 10, startedAt: created)
        return Trace(id: id, project: project, name: "chat.completions", model: model, provider: "openai",
                     status: status, httpStatus: status == .ok ? 200 : 500, user: user, sessionID: session,
                     tags: tags, input: ["messages": []], output: "ok", latencyMs: 10,
                     ttftMs: status == .ok ? 5 : nil, usage: Usage(promptTokens: tokens, completionTokens: 0),
                     costUSD: cost, createdAt: created, generations: [generation])
    }

    public static func key(id: String = Identifier.prefixed("key"), project: String = "alpha", role: Role = .developer,
                           at seconds: Double = 0, name: String? = "ci key") -> APIKey {
        APIKey(id: id, project: project, name: name, role: role, secretHash: Identifier.hex(bytes: 32),
               prefix: "llmops-" + Identifier.hex(bytes: 2), createdAt: date(secondsAfterEpoch: seconds),
               expiresAt: date(secondsAfterEpoch: seconds + 86_400))
    }
}
