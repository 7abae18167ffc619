import OpsCore

/// The models clients can name and the clients that serve them. Built once at start-up from
/// configuration; resolution is a dictionary lookup on the request path.
public struct ModelCatalog: Sendable {
    /// A servable model: its configuration and whichever of chat and embeddings it answers.
    public struct Entry: Sendable {
        public var deployment: ModelDeployment
        public var chat: (any ChatModel)?
        public var embeddings: (any EmbeddingModel)?

        public init(deployment: ModelDeployment, chat: (any ChatModel)? = nil, embeddings: (any EmbeddingModel)? = nil) {
            self.deployment = deployment
            self.chat = chat
            self.embeddings = embeddings
        }
    }

    public private(set) var entries: [Entry] = []
    private var byName: [String: Int] = [:]

    public init(_ entries: [Entry] = []) {
        for entry in entries { add(entry) }
    }

    /// Adds a model; a later entry with the same name replaces the earlier one.
    public mutating func add(_ entry: Entry) {
        if let index = byName[entry.deployment.name] {
            entries[index] = entry
        } else {
            byName[entry.deployment.name] = entries.count
            entries.append(entry)
        }
    }

    public func entry(named name: String) -> Entry? { byName[name].map { entries[$0] } }

    /// The chat model for `name`, or 404 `model_not_found`.
    public func chatModel(named name: String) throws(OpsError) -> (ModelDeployment, any ChatModel) {
        guard let entry = entry(named: name) else { throw Self.notFound(name, known: entries) }
        guard let chat = entry.chat else {
            throw OpsError(.invalidRequest, "The model '\(name)' does not support chat completions", param: "model",
                           code: "model_not_supported")
        }
        return (entry.deployment, chat)
    }

    /// The embeddings model for `name`, or 404 `model_not_found`.
    public func embeddingModel(named name: String) throws(OpsError) -> (ModelDeployment, any EmbeddingModel) {
        guard let entry = entry(named: name) else { throw Self.notFound(name, known: entries) }
        guard let embeddings = entry.embeddings else {
            throw OpsError(.invalidRequest, "The model '\(name)' does not support embeddings", param: "model",
                           code: "model_not_supported")
        }
        return (entry.deployment, embeddings)
    }

    private static func notFound(_ name: String, known: [Entry]) -> OpsError {
        let names = known.map(\.deployment.name).sorted().joined(separator: ", ")
        return OpsError(.notFound, "The model '\(name)' does not exist. Available models: \(names.isEmpty ? "none" : names)",
                        param: "model", code: "model_not_found")
    }
}
