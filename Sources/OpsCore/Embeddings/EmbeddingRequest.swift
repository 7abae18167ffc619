/// An embeddings request in OpenAI's shape.
public struct EmbeddingRequest: Sendable, Hashable {
    public enum Input: Sendable, Hashable {
        case texts([String])
        case tokens([[Int]])

        public var count: Int {
            switch self {
            case .texts(let t): return t.count
            case .tokens(let t): return t.count
            }
        }
    }

    public var model: String
    public var input: Input
    /// `float` (default) or `base64`: how the client wants vectors back. Upstreams are always asked for floats.
    public var encodingFormat: String
    public var dimensions: Int?
    public var user: String?
    public var metadata: JSONObject?

    public init(model: String, input: Input, encodingFormat: String = "float", dimensions: Int? = nil,
                user: String? = nil, metadata: JSONObject? = nil) {
        self.model = model
        self.input = input
        self.encodingFormat = encodingFormat
        self.dimensions = dimensions
        self.user = user
        self.metadata = metadata
    }
}
