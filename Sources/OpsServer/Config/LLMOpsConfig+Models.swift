extension LLMOpsConfig {
    /// Every model name routes may use: `models:` and, when enabled, the in-process models
    /// (whether or not their weights are present on this machine).
    public var servableModelNames: Set<String> {
        var names = Set(models.map(\.name))
        if localModels.enabled {
            names.insert(LocalModelLoader.embeddingName)
            names.insert(LocalModelLoader.chatName)
        }
        return names
    }
}
