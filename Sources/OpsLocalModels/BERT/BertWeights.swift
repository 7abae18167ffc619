/// Pointers to a BERT encoder's F32 tensors inside a safetensors memory map.
struct BertWeights: @unchecked Sendable {
    struct Layer {
        let query, queryBias, key, keyBias, value, valueBias: UnsafePointer<Float>
        let attentionOut, attentionOutBias, attentionNorm, attentionNormBias: UnsafePointer<Float>
        let intermediate, intermediateBias, output, outputBias, outputNorm, outputNormBias: UnsafePointer<Float>
    }

    let wordEmbeddings, positionEmbeddings, typeEmbeddings, embeddingNorm, embeddingNormBias: UnsafePointer<Float>
    let layers: [Layer]
    let file: SafeTensorsFile

    init(file: SafeTensorsFile, config c: BertConfig) throws {
        self.file = file
        // Checkpoints saved from BertForX models prefix every name with "bert.".
        let prefix = file.hasTensor("bert.embeddings.word_embeddings.weight") ? "bert." : ""
        func load(_ name: String, _ shape: [Int]) throws -> UnsafePointer<Float> {
            let tensor = try file.tensor(prefix + name)
            try tensor.expect(shape: shape)
            return try tensor.floats().baseAddress!
        }
        let h = c.hiddenSize, f = c.intermediateSize
        wordEmbeddings = try load("embeddings.word_embeddings.weight", [c.vocabularySize, h])
        positionEmbeddings = try load("embeddings.position_embeddings.weight", [c.maxPositions, h])
        typeEmbeddings = try load("embeddings.token_type_embeddings.weight", [2, h])
        embeddingNorm = try load("embeddings.LayerNorm.weight", [h])
        embeddingNormBias = try load("embeddings.LayerNorm.bias", [h])
        layers = try (0..<c.layers).map { i in
            let p = "encoder.layer.\(i)."
            return Layer(
                query: try load(p + "attention.self.query.weight", [h, h]), queryBias: try load(p + "attention.self.query.bias", [h]),
                key: try load(p + "attention.self.key.weight", [h, h]), keyBias: try load(p + "attention.self.key.bias", [h]),
                value: try load(p + "attention.self.value.weight", [h, h]), valueBias: try load(p + "attention.self.value.bias", [h]),
                attentionOut: try load(p + "attention.output.dense.weight", [h, h]),
                attentionOutBias: try load(p + "attention.output.dense.bias", [h]),
                attentionNorm: try load(p + "attention.output.LayerNorm.weight", [h]),
                attentionNormBias: try load(p + "attention.output.LayerNorm.bias", [h]),
                intermediate: try load(p + "intermediate.dense.weight", [f, h]),
                intermediateBias: try load(p + "intermediate.dense.bias", [f]),
                output: try load(p + "output.dense.weight", [h, f]), outputBias: try load(p + "output.dense.bias", [h]),
                outputNorm: try load(p + "output.LayerNorm.weight", [h]),
                outputNormBias: try load(p + "output.LayerNorm.bias", [h]))
        }
    }
}
