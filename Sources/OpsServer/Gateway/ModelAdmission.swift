import OpsCore
import OpsGateway

/// The admission stage every endpoint that calls a model goes through (chat completions, the
/// prompt-expanded chat, embeddings): the key's model restriction here, before the model is even
/// looked up, then its rate limits and budgets (`LimitEnforcer.admit`, settled with
/// `LimitEnforcer.settle`). What it refuses throws the error the client gets; the caller's
/// `traced` wrapper records the refused call.
enum ModelAdmission {
    /// 403 `model_not_allowed` when the key is restricted to routes and `model` is not one of them.
    static func requireAllowed(_ model: String, for key: APIKey) throws {
        guard key.limits.allows(model: model) else {
            let allowed = (key.limits.routes ?? []).joined(separator: ", ")
            throw OpsError(.forbidden, "This key may not call '\(model)'; it is limited to: \(allowed)", param: "model",
                           code: "model_not_allowed")
        }
    }

    /// What an embeddings call is charged before its usage is known: its texts' bytes / 4, or its
    /// token count when it sends tokens.
    static func estimatedTokens(_ request: EmbeddingRequest) -> Int {
        switch request.input {
        case .texts(let texts): return (texts.reduce(0) { $0 + $1.utf8.count } + 3) / 4
        case .tokens(let lists): return lists.reduce(0) { $0 + $1.count }
        }
    }
}
