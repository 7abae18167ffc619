import Foundation
import OpsCore

/// Makes sure a fresh installation can be used: the first start creates an admin key for the
/// `default` project and writes it to a file only the server's user can read (never to the log),
/// or registers the one given in `LLMOPS_ADMIN_KEY`, which must be long enough not to be guessed.
public struct AdminBootstrap: Sendable {
    public enum Outcome: Sendable, Equatable {
        /// A new admin key, written to the file at `keyFile` (mode 0600).
        case created(keyFile: String)
        case registered
        case existing
    }

    /// The shortest `LLMOPS_ADMIN_KEY` accepted (generated keys have 47 characters).
    public static let minimumSecretLength = 32
    /// The name of the file a generated key is written to, in the data directory.
    public static let keyFileName = "bootstrap-admin-key"

    let store: any OpsStore
    let directory: String

    /// `directory` is where a generated key's file goes (the data directory).
    public init(store: any OpsStore, directory: String) {
        self.store = store
        self.directory = directory
    }

    public func ensureAdmin(secret: String?) async throws -> Outcome {
        if let secret, !secret.isEmpty {
            guard secret.count >= Self.minimumSecretLength else {
                throw ConfigError("LLMOPS_ADMIN_KEY", "is \(secret.count) characters long; an admin key must have at least "
                                  + "\(Self.minimumSecretLength) (unset it and the server generates one)")
            }
            if try await store.key(secretHash: KeySecret.hash(secret)) == nil {
                _ = try await KeyIssuer(store: store).issue(project: "default", role: .admin, name: "bootstrap", secret: secret)
            }
            return .registered
        }
        let keys = try await store.listKeys(project: nil)
        if keys.contains(where: { $0.role == .admin && $0.revokedAt == nil }) { return .existing }
        // The file is written before the key is stored: a key nobody can read is never issued.
        let secret = KeySecret.generate()
        let path = (directory as NSString).appendingPathComponent(Self.keyFileName)
        try Self.writePrivately(secret + "\n", to: path)
        _ = try await KeyIssuer(store: store).issue(project: "default", role: .admin, name: "bootstrap", secret: secret)
        return .created(keyFile: path)
    }

    /// Writes `text` to `path` readable and writable by the owner only (0600), replacing a file there.
    static func writePrivately(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        // Removed first: an existing file keeps its mode through O_TRUNC, and might be a link elsewhere.
        unlink(path)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw ConfigError("bootstrap admin key", "cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        guard fchmod(fd, 0o600) == 0 else { throw ConfigError("bootstrap admin key", "cannot make \(path) private") }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw ConfigError("bootstrap admin key", "cannot write \(path)") }
    }
}
