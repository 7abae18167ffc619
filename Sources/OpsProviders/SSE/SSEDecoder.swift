/// Incremental server-sent-events parser (WHATWG rules for `event`, `data` and comments).
/// Feed it byte chunks as they arrive; it returns the events completed so far.
public struct SSEDecoder: Sendable {
    private var line: [UInt8] = []
    private var event: String?
    private var data: [String] = []
    private var hasData = false
    private var lastWasCR = false

    public init() {}

    /// Consumes a chunk and returns the events it completed.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [SSEEvent] {
        var events: [SSEEvent] = []
        for b in bytes {
            if b == 0x0A && lastWasCR { lastWasCR = false; continue }
            lastWasCR = (b == 0x0D)
            if b == 0x0A || b == 0x0D {
                if let e = finishLine() { events.append(e) }
            } else {
                line.append(b)
            }
        }
        return events
    }

    /// Flushes an event left without its blank line at end of stream.
    public mutating func finish() -> SSEEvent? {
        if !line.isEmpty { _ = finishLine() }
        return dispatch()
    }

    private mutating func finishLine() -> SSEEvent? {
        defer { line.removeAll(keepingCapacity: true) }
        if line.isEmpty { return dispatch() }
        if line[0] == UInt8(ascii: ":") { return nil }
        let field: String
        var value: Substring = ""
        if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
            field = String(decoding: line[..<colon], as: UTF8.self)
            var start = line.index(after: colon)
            if start < line.endIndex, line[start] == UInt8(ascii: " ") { start += 1 }
            value = Substring(String(decoding: line[start...], as: UTF8.self))
        } else {
            field = String(decoding: line, as: UTF8.self)
        }
        switch field {
        case "event": event = String(value)
        case "data": data.append(String(value)); hasData = true
        default: break
        }
        return nil
    }

    private mutating func dispatch() -> SSEEvent? {
        defer { event = nil; data.removeAll(); hasData = false }
        guard hasData else { return nil }
        return SSEEvent(event: event, data: data.joined(separator: "\n"))
    }
}
