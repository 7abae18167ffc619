import Foundation
import OpsCore
import OpsLocalModels

// By-hand benchmark of the in-process models (see docs/local-models.md). Prints one JSON
// object so bench/local/run.sh can put it next to the Python references' figures.

let arguments = CommandLine.arguments
let modelsDirectory = ProcessInfo.processInfo.environment["LOCAL_MODELS_DIR"] ?? "models"
let sentencesPath = arguments.count > 1 ? arguments[1] : "bench/local/sentences.txt"
let sentences = try String(contentsOfFile: sentencesPath, encoding: .utf8).split(separator: "\n").map(String.init)

func now() -> Double { Date().timeIntervalSince1970 }

func residentMegabytes() -> Double {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
    return (Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) / 1024
}

// The references run with 2 threads; so do the kernels unless LOCAL_BENCH_THREADS says otherwise.
Parallel.threads = Int(ProcessInfo.processInfo.environment["LOCAL_BENCH_THREADS"] ?? "") ?? 2
let embedder = try LocalEmbedder(modelsDirectory: modelsDirectory)
let chat = try LocalChatModel(modelsDirectory: modelsDirectory, contextLength: 2048)
// LOCAL_BENCH_ONLY=embeddings or =generation runs one half, e.g. under a profiler.
let only = ProcessInfo.processInfo.environment["LOCAL_BENCH_ONLY"] ?? ""
var result: [String: Any] = ["threads": Parallel.threads]

// Embeddings: batches of 32 ~20-word sentences; best of 3 passes over all sentences.
if only != "generation" {
    _ = try await embedder.embed(Array(sentences.prefix(32)))
    var bestBatchRate = 0.0
    for _ in 0..<3 {
        let start = now()
        for chunk in stride(from: 0, to: sentences.count, by: 32) {
            _ = try await embedder.embed(Array(sentences[chunk..<min(chunk + 32, sentences.count)]))
        }
        bestBatchRate = max(bestBatchRate, Double(sentences.count) / (now() - start))
}
var latencies: [Double] = []
for sentence in sentences.prefix(100) {
    let start = now()
    _ = try await embedder.embed([sentence])
    latencies.append((now() - start) * 1000)
}
latencies.sort()
result["embeddings_per_second_batch32"] = bestBatchRate
result["embedding_single_p50_ms"] = latencies[latencies.count / 2]
}

// Generation: a ~128-token prompt, then 128 greedy tokens (stop tokens ignored by asking for a list).
if only != "embeddings" {
    let prompt = sentences.prefix(6).joined(separator: " ") + "\nSummary:"
    let promptIDs = chat.tokenizer.encode(prompt)
    _ = try await chat.completeText("Warm up", maxTokens: 4)
    var bestPromptRate = 0.0, bestGenerationRate = 0.0, generated = 0
    for _ in 0..<3 {
        // A distinct first token defeats prefix reuse, so every pass runs the whole prompt.
        let start = now()
        let first = try await chat.completeText(prompt, maxTokens: 1)
        let prefill = now() - start
        bestPromptRate = max(bestPromptRate, Double(promptIDs.count) / prefill)
        let genStart = now()
        let output = try await chat.completeText(prompt + " " + first.text, maxTokens: 128)
        generated = output.tokenIDs.count
        bestGenerationRate = max(bestGenerationRate, Double(generated) / (now() - genStart))
        _ = try await chat.completeText("Reset the cache", maxTokens: 1)
}

result["prompt_tokens"] = promptIDs.count
result["prompt_tokens_per_second"] = bestPromptRate
result["generated_tokens"] = generated
result["generated_tokens_per_second"] = bestGenerationRate
}
result["rss_mb_both_models"] = residentMegabytes()
let json = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
print(String(decoding: json, as: UTF8.self))
