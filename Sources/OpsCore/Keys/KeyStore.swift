import Foundation

/// Where projects and API keys live.
public protocol KeyStore: Sendable {
    /// Creates the project if it does not exist yet.
    func ensureProject(_ name: String) async throws
    func projects() async throws -> [String]
    func insertKey(_ key: APIKey) async throws
    /// The key whose secret hashes to `secretHash`, revoked or not.
    func key(secretHash: String) async throws -> APIKey?
    /// Keys of one project, or of all when `project` is nil, newest first.
    func listKeys(project: String?) async throws -> [APIKey]
    /// Marks the key revoked; false when no such key exists.
    func revokeKey(id: String, at date: Date) async throws -> Bool
    /// Makes the key expire at `date` unless it already expires earlier (rotation's grace period);
    /// false when no such key exists.
    func expireKey(id: String, at date: Date) async throws -> Bool
}

/// Everything the server persists, behind one value.
public protocol OpsStore: TraceStore, KeyStore, LimitStore, RouteChangeStore, PromptStore, DatasetStore, ExperimentStore,
    ScoreStore, AnnotationQueueStore, RetentionStore, EndUserStore, AuditStore, SecretStore, ConsoleSessionStore {
    /// Applies pending numbered migrations; returns the versions applied.
    @discardableResult func migrate() async throws -> [Int]
    /// Succeeds when the store answers a trivial query (for `/ready`).
    func ping() async throws
    func close() async throws
}
