import Foundation
import Logging
import OpsCore
import OpsGateway
import OpsLocalModels

/// Adds the in-process models to the catalog when their weights are present
/// (`make models` fetches them): `local/all-minilm-l6-v2` and `local/smollm2-135m-instruct`.
struct LocalModelLoader {
    static let embeddingName = "local/all-minilm-l6-v2"
    static let chatName = "local/smollm2-135m-instruct"

    let config: LocalModelsConfig
    let logger: Logger

    func add(to catalog: inout ModelCatalog) {
        guard config.enabled else { return }
        let directory = config.directory ?? LocalModelFiles.defaultDirectory()
        do {
            let embedder = try LocalEmbedder(directory: (directory as NSString).appendingPathComponent(LocalModelFiles.miniLMDirectory))
            let deployment = ModelDeployment(name: Self.embeddingName, provider: .local, upstreamModel: "all-MiniLM-L6-v2",
                                             price: Price(inputPerMTok: 0, outputPerMTok: 0))
            catalog.add(.init(deployment: deployment, embeddings: EmbedderEndpoint(embedder: embedder)))
        } catch {
            logger.warning("local embeddings model not served: \(error)")
        }
        do {
            let chat = try LocalChatModel(ggufPath: (directory as NSString).appendingPathComponent(LocalModelFiles.smolLMFile))
            let deployment = ModelDeployment(name: Self.chatName, provider: .local, upstreamModel: "SmolLM2-135M-Instruct-Q4_1",
                                             price: Price(inputPerMTok: 0, outputPerMTok: 0))
            catalog.add(.init(deployment: deployment, chat: chat))
        } catch {
            logger.warning("local chat model not served: \(error)")
        }
    }
}
