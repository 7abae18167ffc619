import GRDB
import OpsCore

/// What went wrong in the SQLite store, in words a log reader understands.
/// `OpsStore` callers that only care about availability use `opsError`.
public struct SQLiteStoreError: OpsErrorConvertible, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The database file could not be opened or created.
        case cannotOpen
        /// The database is there but cannot serve now: locked past the busy timeout, read-only,
        /// out of space, or an I/O error.
        case unavailable
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

    /// The same failure in the vocabulary the server maps to HTTP, without SQLite's own words
    /// (they stay in `description`, for the log).
    public var opsError: OpsError {
        switch kind {
        case .cannotOpen, .unavailable: return .storeUnavailable()
        case .constraint, .corruptData, .database: return .storeFailed
        }
    }

    /// Result codes that mean the database cannot serve now rather than that a statement is wrong.
    static let outageCodes: [ResultCode] = [.SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_IOERR, .SQLITE_FULL, .SQLITE_READONLY,
                                                .SQLITE_CANTOPEN, .SQLITE_PROTOCOL, .SQLITE_NOTADB, .SQLITE_CORRUPT]

    /// Wraps a GRDB error raised while doing `operation`, keeping SQLite's own message.
    static func wrapping(_ error: any Error, during operation: String) -> SQLiteStoreError {
        if let error = error as? SQLiteStoreError { return error }
        if let error = error as? StoredColumns.Corrupt { return SQLiteStoreError(.corruptData, error.description) }
        if let error = error as? DatabaseError {
            let kind: Kind = error.resultCode == .SQLITE_CONSTRAINT ? .constraint
                : outageCodes.contains(error.resultCode.primaryResultCode) ? .unavailable : .database
            return SQLiteStoreError(kind, "\(operation) failed: \(error.message ?? "\(error.resultCode)")")
        }
        return SQLiteStoreError(.database, "\(operation) failed: \(error)")
    }
}
