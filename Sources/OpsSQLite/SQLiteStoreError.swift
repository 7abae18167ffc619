import GRDB
import OpsCore

/// What went wrong in the SQLite store, in words a log reader understands.
/// `OpsStore` callers that only care about availability use `opsError`.
public struct SQLiteStoreError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The database file could not be opened or created.
        case cannotOpen
        /// A uniqueness or foreign-key rule rejected the write (e.g. a duplicate trace id).
        case constraint
        /// A stored value could not be read back (e.g. a JSON column that no longer parses).
        case corruptData
        /// Any other SQLite failure.
        case database
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "SQLite store: \(message)" }

    /// The same failure in the vocabulary the server maps to HTTP.
    public var opsError: OpsError {
        switch kind {
        case .cannotOpen: return OpsError(.unavailable, description)
        case .constraint, .corruptData, .database: return OpsError(.internalError, description)
        }
    }

    /// Wraps a GRDB error raised while doing `operation`, keeping SQLite's own message.
    static func wrapping(_ error: any Error, during operation: String) -> SQLiteStoreError {
        if let error = error as? SQLiteStoreError { return error }
        if let error = error as? StoredColumns.Corrupt { return SQLiteStoreError(.corruptData, error.description) }
        if let error = error as? DatabaseError {
            let kind: Kind = error.resultCode == .SQLITE_CONSTRAINT ? .constraint : .database
            return SQLiteStoreError(kind, "\(operation) failed: \(error.message ?? "\(error.resultCode)")")
        }
        return SQLiteStoreError(.database, "\(operation) failed: \(error)")
    }
}
