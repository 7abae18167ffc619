import Foundation

/// The hyper-parameters of a BERT encoder, read from Hugging Face's `config.json`.
public struct BertConfig: Sendable, Equatable {
    public var hiddenSize: Int
    public var layers: Int
    public var heads: Int
    public var intermediateSize: Int
    public var maxPositions: Int
    public var vocabularySize: Int
    public var layerNormEps: Float

    public init(hiddenSize: Int, layers: Int, heads: Int, intermediateSize: Int, maxPositions: Int,
                vocabularySize: Int, layerNormEps: Float) {
        self.hiddenSize = hiddenSize
        self.layers = layers
        self.heads = heads
        self.intermediateSize = intermediateSize
        self.maxPositions = maxPositions
        self.vocabularySize = vocabularySize
        self.layerNormEps = layerNormEps
    }

    /// Parses `config.json`, rejecting anything but a GELU BERT with absolute positions.
    public init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else { throw LocalModelError.weightsMissing(path: path) }
        guard let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw LocalModelError.corruptFile(file: path, offset: 0, reason: "not a JSON object")
        }
        let type = json["model_type"] as? String ?? "?"
        guard type == "bert" else { throw LocalModelError.unsupportedArchitecture(type) }
        let act = json["hidden_act"] as? String ?? "gelu"
        guard act == "gelu" else { throw LocalModelError.unsupportedArchitecture("bert with activation \(act)") }
        func int(_ key: String) throws -> Int {
            guard let v = json[key] as? Int else { throw LocalModelError.missingEntry(file: path, name: key) }
            return v
        }
        self.init(hiddenSize: try int("hidden_size"), layers: try int("num_hidden_layers"),
                  heads: try int("num_attention_heads"), intermediateSize: try int("intermediate_size"),
                  maxPositions: try int("max_position_embeddings"), vocabularySize: try int("vocab_size"),
                  layerNormEps: Float(json["layer_norm_eps"] as? Double ?? 1e-12))
        guard hiddenSize % heads == 0 else {
            throw LocalModelError.corruptFile(file: path, offset: 0, reason: "hidden_size \(hiddenSize) not divisible by \(heads) heads")
        }
    }
}
