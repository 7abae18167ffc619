import OpsCore

/// The identity of a request for the exact cache: a stable 128-bit hash of the project, the
/// request's `user` when it names one (one end user's answer is never another's), the model and
/// everything that changes the answer. `metadata` and `stream` are left out, so a streamed request
/// can be answered from a cached plain one.
public struct ExactCacheKey: Sendable, Hashable, CustomStringConvertible {
    public var digest: StableHasher.Digest
    /// The end user the entry belongs to (nil: the project's shared entries), so a user's entries
    /// can be found again; equality and hashing use the digest, which already covers it.
    public var user: String?
    /// The project the entry belongs to, so an erasure finds its user's entries in that project only.
    public var project: String

    public init(project: String, request: ChatRequest) {
        self.project = project
        var h = StableHasher()
        h.combine("llmops.exact.v1")
        h.combine(project)
        user = request.user.flatMap { $0.isEmpty ? nil : $0 }
        if let user { h.combine(true); h.combine(user) } else { h.combine(false) }
        h.combine(request.model)
        h.combine(request.messages.count)
        for message in request.messages { Self.combine(message, into: &h) }
        Self.combine(request.temperature, into: &h)
        Self.combine(request.topP, into: &h)
        Self.combine(request.topK.map(Double.init), into: &h)
        Self.combine(request.maxTokens.map(Double.init), into: &h)
        Self.combine(request.seed.map(Double.init), into: &h)
        Self.combine(request.n.map(Double.init), into: &h)
        h.combine(request.stop.count)
        for stop in request.stop { h.combine(stop) }
        Self.combine(request.tools.map { JSONValue.array($0) }, into: &h)
        Self.combine(request.toolChoice, into: &h)
        Self.combine(request.extra["response_format"], into: &h)
        digest = h.finalize()
    }

    public var description: String { digest.hex }

    public static func == (lhs: ExactCacheKey, rhs: ExactCacheKey) -> Bool { lhs.digest == rhs.digest }

    public func hash(into hasher: inout Hasher) { hasher.combine(digest) }

    private static func combine(_ message: ChatMessage, into h: inout StableHasher) {
        h.combine(message.role)
        switch message.content {
        case nil: h.combine(0)
        case .text(let text): h.combine(1); h.combine(text)
        case .parts(let parts): h.combine(2); combine(JSONValue.array(parts), into: &h)
        }
        combine(message.name, into: &h)
        combine(message.toolCallID, into: &h)
        h.combine(message.toolCalls?.count ?? -1)
        for call in message.toolCalls ?? [] {
            h.combine(call.id)
            h.combine(call.name)
            h.combine(call.arguments)
        }
    }

    private static func combine(_ value: String?, into h: inout StableHasher) {
        if let value { h.combine(true); h.combine(value) } else { h.combine(false) }
    }

    private static func combine(_ value: Double?, into h: inout StableHasher) {
        if let value { h.combine(true); h.combine(value) } else { h.combine(false) }
    }

    /// Canonical JSON: object keys sorted, so `{"a":1,"b":2}` and `{"b":2,"a":1}` hash alike.
    private static func combine(_ value: JSONValue?, into h: inout StableHasher) {
        guard let value else { h.combine(UInt64(0)); return }
        switch value {
        case .null: h.combine(UInt64(1))
        case .bool(let b): h.combine(UInt64(2)); h.combine(b)
        case .int(let i): h.combine(UInt64(3)); h.combine(Double(i))
        case .double(let d): h.combine(UInt64(3)); h.combine(d)
        case .string(let s): h.combine(UInt64(4)); h.combine(s)
        case .array(let items):
            h.combine(UInt64(5))
            h.combine(items.count)
            for item in items { combine(item, into: &h) }
        case .object(let object):
            h.combine(UInt64(6))
            h.combine(object.count)
            for entry in object.entries.sorted(by: { $0.key < $1.key }) {
                h.combine(entry.key)
                combine(entry.value, into: &h)
            }
        }
    }
}
