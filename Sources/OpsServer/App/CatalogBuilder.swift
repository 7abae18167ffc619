import Logging
import OpsCore
import OpsGateway
import OpsProviders

/// Turns `models:` into servable catalog entries with their provider clients.
struct CatalogBuilder {
    let config: LLMOpsConfig
    let environment: [String: String]
    /// The opened `secret:NAME` references of `models:`.
    var secrets = ModelSecrets()
    let client: UpstreamClient
    let logger: Logger

    func build() throws -> ModelCatalog {
        var catalog = ModelCatalog()
        LocalModelLoader(config: config.localModels, logger: logger).add(to: &catalog)
        for (index, model) in config.models.enumerated() {
            let apiKey: String?
            if let reference = model.apiKey, SecretResolver.isLiteral(reference) {
                logger.warning("model '\(model.name)': models[\(index)].api_key is a key written into the configuration; use env:NAME or secret:NAME (`llmops secrets set NAME`)")
            }
            do {
                apiKey = try SecretResolver.resolve(model.apiKey, key: "models[\(index)].api_key", environment: environment,
                                                    secrets: secrets)
            } catch {
                // A missing secret should not stop the other models; calls to this one fail upstream with 401.
                logger.error("model '\(model.name)': \(error)")
                apiKey = nil
            }
            let deployment = ModelDeployment(name: model.name, provider: model.provider, baseURL: model.baseURL, apiKey: apiKey,
                                             upstreamModel: model.upstreamModel, price: model.price, timeouts: model.timeouts)
            switch model.provider {
            case .openai:
                catalog.add(.init(deployment: deployment, chat: OpenAIChatModel(deployment: deployment, client: client),
                                  embeddings: OpenAIEmbeddingModel(deployment: deployment, client: client)))
            case .anthropic:
                catalog.add(.init(deployment: deployment, chat: AnthropicChatModel(deployment: deployment, client: client)))
            case .local:
                throw ConfigError("models[\(index)].provider", "local models are served from local_models, not models:")
            }
        }
        return catalog
    }
}
