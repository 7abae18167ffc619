/// Why the trace journal could not be opened or written.
public enum TraceJournalError: Error, Sendable, CustomStringConvertible {
    case locked(String)
    case io(String)

    public var description: String {
        switch self {
        case .locked(let text), .io(let text): return text
        }
    }
}
