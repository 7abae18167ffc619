/// One server-sent event.
public struct SSEEvent: Sendable, Hashable {
    /// The `event:` field; nil for the default `message` type.
    public var event: String?
    /// The `data:` lines joined with newlines.
    public var data: String

    public init(event: String? = nil, data: String) {
        self.event = event
        self.data = data
    }
}
