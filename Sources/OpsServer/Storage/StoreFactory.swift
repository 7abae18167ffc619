import Foundation
import Logging
import OpsCore
import OpsPostgres
import OpsSQLite

/// Opens the store named by `storage.url`: `sqlite://PATH` (relative paths resolve against the
/// working directory, or `--data-dir` when given) or `postgres://user:pass@host:port/db`.
public enum StoreFactory {
    public static func open(url: String, dataDirectory: String? = nil, logger: Logger = Logger(label: "llmops.store")) async throws
        -> any OpsStore
    {
        if url.hasPrefix("sqlite://") {
            return try SQLiteStore(path: sqlitePath(url: url, dataDirectory: dataDirectory))
        }
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            return try PostgresStore(url: url, logger: logger)
        }
        throw ConfigError("storage.url", "must start with sqlite:// or postgres://, got '\(url)'")
    }

    /// The SQLite file for a URL; with a data directory, a relative path keeps only its file name
    /// inside that directory (`--data-dir /tmp/x` → `/tmp/x/llmops.sqlite`).
    public static func sqlitePath(url: String, dataDirectory: String?) -> String {
        let path = String(url.dropFirst("sqlite://".count))
        if let dataDirectory, !path.hasPrefix("/") {
            return (dataDirectory as NSString).appendingPathComponent((path as NSString).lastPathComponent)
        }
        return path
    }
}
