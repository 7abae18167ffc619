import OpsCore

/// Cosine similarity between the embeddings of the hypothesis and its references (the best
/// reference counts), through any `Embedder` (a local MiniLM, a provider's endpoint).
///
/// Embedding is asynchronous, so this metric scores in batches rather than through `Metric`.
public struct EmbeddingSimilarityMetric: Sendable {
    public let name = "embedding_similarity"
    /// Where the vectors come from.
    public let embedder: any Embedder

    public init(embedder: any Embedder) {
        self.embedder = embedder
    }

    /// One score per pair; all texts go to the embedder in one batch.
    public func scores(hypotheses: [String], references: [[String]]) async throws -> [MetricScore] {
        try checkCounts(hypotheses, references)
        if let i = references.firstIndex(where: \.isEmpty) {
            throw EvalError.countMismatch("pair \(i) has no reference to compare with")
        }
        let texts = hypotheses + references.flatMap { $0 }
        let vectors = try await embedder.embed(texts).vectors
        guard vectors.count == texts.count else {
            throw EvalError.countMismatch("the embedder returned \(vectors.count) vectors for \(texts.count) texts")
        }
        if let width = vectors.first?.count, vectors.contains(where: { $0.count != width }) {
            throw EvalError.countMismatch("the embedder returned vectors of different dimensions")
        }
        var next = hypotheses.count
        return hypotheses.indices.map { i in
            let hyp = vectors[i]
            var best = -Double.infinity
            for _ in references[i] {
                best = max(best, Self.cosine(hyp, vectors[next]))
                next += 1
            }
            return MetricScore(value: best)
        }
    }

    /// Scores one pair.
    public func score(hypothesis: String, references: [String]) async throws -> MetricScore {
        try await scores(hypotheses: [hypothesis], references: [references])[0]
    }

    /// Cosine of the angle between `a` and `b`, accumulated in Double; 0 when either is all zeros.
    public static func cosine(_ a: [Float], _ b: [Float]) -> Double {
        precondition(a.count == b.count, "vectors of different dimensions")
        var dot = 0.0, na = 0.0, nb = 0.0
        for i in a.indices {
            let x = Double(a[i]), y = Double(b[i])
            dot += x * y
            na += x * x
            nb += y * y
        }
        guard na > 0 && nb > 0 else { return 0 }
        return dot / (na.squareRoot() * nb.squareRoot())
    }
}
