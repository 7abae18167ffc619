import OpsCore

/// What the caches keep for a chat answer: the response (for the trace, the usage and replaying it
/// as a stream) and its JSON exactly as a client received it, so a hit writes those bytes instead
/// of rebuilding and serializing the response on every hit. A class: the exact cache's LRU list
/// moves its entries on every call, and a reference is one word to copy and one count to keep
/// where the response's fields were a dozen.
public final class CachedAnswer: Sendable {
    public let response: ChatResponse
    public let body: [UInt8]

    /// `body` is the response's JSON when the caller has already serialized it; else it is made here.
    public init(_ response: ChatResponse, body: [UInt8]? = nil) {
        self.response = response
        self.body = body ?? response.json.serialized()
    }
}
