import OpsCore
import PostgresNIO

/// What went wrong in the Postgres store, with the server's own message: PostgresNIO's
/// `PSQLError` prints a generic text on purpose, so the useful fields are pulled out here.
public struct PostgresStoreError: OpsErrorConvertible, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The storage URL is malformed.
        case invalidURL
        /// The server cannot be reached, refused the login, or the store is closed.
        case unavailable
        /// A uniqueness rule rejected the write (e.g. a duplicate trace id).
        case constraint
        /// A stored value could not be read back.
        case corruptData
        /// Any other failure the server reported.
        case database
    }

    public var kind: Kind
    public var message: String
    /// The SQLSTATE code the server sent, e.g. `23505` for a unique violation.
    public var sqlState: String?

    public init(_ kind: Kind, _ message: String, sqlState: String? = nil) {
        self.kind = kind
        self.message = message
        self.sqlState = sqlState
    }

    public var description: String { "Postgres store: \(message)" }

    /// The same failure in the vocabulary the server maps to HTTP, without the server's own words
    /// (they stay in `description`, for the log).
    public var opsError: OpsError {
        switch kind {
        case .unavailable: return .storeUnavailable()
        case .invalidURL, .constraint, .corruptData, .database: return .storeFailed
        }
    }

    /// Wraps a driver error raised while doing `operation`.
    static func wrapping(_ error: any Error, during operation: String) -> PostgresStoreError {
        switch error {
        case let error as PostgresStoreError:
            return error
        case let error as StoredColumns.Corrupt:
            return PostgresStoreError(.corruptData, error.description)
        case let error as PostgresTransactionError:
            let inner = error.closureError ?? error.commitError ?? error.beginError ?? error.rollbackError
            return inner.map { wrapping($0, during: operation) } ?? PostgresStoreError(.database, "\(operation) failed")
        case let error as PSQLError:
            return fromPSQL(error, during: operation)
        case is CancellationError:
            return PostgresStoreError(.unavailable, "\(operation) was cancelled")
        case let error where String(describing: type(of: error)) == "ConnectionPoolError":
            // The pool's circuit breaker tripped: no connection could be made for a while.
            return PostgresStoreError(.unavailable, "\(operation) failed: the connection pool cannot connect (\(error))")
        default:
            return PostgresStoreError(.database, "\(operation) failed: \(error)")
        }
    }

    private static func fromPSQL(_ error: PSQLError, during operation: String) -> PostgresStoreError {
        if let info = error.serverInfo {
            let state = info[.sqlState]
            var text = "\(operation) failed: \(info[.message] ?? "server error")"
            if let detail = info[.detail] { text += " (\(detail))" }
            if let state { text += " [SQLSTATE \(state)]" }
            // Class 23 is integrity constraint violation; 08 connection, 28 authorization, 57P shutdown.
            let kind: Kind
            switch state?.prefix(2) {
            case "23": kind = .constraint
            case "08", "28", "57", "3D": kind = .unavailable
            default: kind = .database
            }
            return PostgresStoreError(kind, text, sqlState: state)
        }
        let underlying = error.underlying.map { ": \($0)" } ?? ""
        switch error.code {
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .poolClosed, .sslUnsupported,
             .uncleanShutdown:
            return PostgresStoreError(.unavailable, "\(operation) failed: cannot reach the server (\(error.code))\(underlying)")
        default:
            return PostgresStoreError(.database, "\(operation) failed: \(error.code)\(underlying)")
        }
    }
}
