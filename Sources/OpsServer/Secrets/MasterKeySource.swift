import Foundation

/// Where the master key comes from: `LLMOPS_MASTER_KEY` (base64 of 32 bytes) when set, else a key
/// file in the data directory (`master.key`, mode 0600), created with a fresh key on first use. A
/// key file that group or others may read is refused rather than used.
public struct MasterKeySource: Sendable {
    public static let environmentVariable = "LLMOPS_MASTER_KEY"

    public let environment: [String: String]
    /// The key file's path.
    public let file: String

    public init(environment: [String: String], file: String) {
        self.environment = environment
        self.file = file
    }

    /// `master.key` in the data directory: the SQLite file's directory, or `dataDirectory`
    /// (default `./llmops-data`) with PostgreSQL.
    public init(environment: [String: String], storageURL: String, dataDirectory: String?) {
        let directory: String
        if storageURL.hasPrefix("sqlite://") {
            directory = (StoreFactory.sqlitePath(url: storageURL, dataDirectory: dataDirectory) as NSString).deletingLastPathComponent
        } else {
            directory = dataDirectory ?? "./llmops-data"
        }
        self.init(environment: environment, file: (directory as NSString).appendingPathComponent("master.key"))
    }

    /// True when the key comes from the environment.
    public var usesEnvironment: Bool { !(environment[Self.environmentVariable] ?? "").isEmpty }

    /// A rotation's new key file, kept until the rotation commits (its key still opens what a
    /// rotation interrupted after its commit left sealed).
    var pendingFile: String { file + ".new" }

    /// The current key; with `create`, a missing key file is made with a fresh key.
    public func load(create: Bool) throws -> MasterKey {
        if let text = environment[Self.environmentVariable], !text.isEmpty {
            return try MasterKey(base64: text, source: Self.environmentVariable)
        }
        if !FileManager.default.fileExists(atPath: file) {
            guard create else {
                throw SecretError("no master key: set \(Self.environmentVariable) or store a secret first (which creates \(file))")
            }
            let key = MasterKey.generate()
            try Self.write(key, to: file)
            return key
        }
        return try Self.read(file)
    }

    /// The current key and a pending rotation's key if one was left behind, current first.
    func keyring() throws -> [MasterKey] {
        var keys = [try load(create: false)]
        if !usesEnvironment, FileManager.default.fileExists(atPath: pendingFile) { keys.append(try Self.read(pendingFile)) }
        return keys
    }

    /// Writes a rotation's new key beside the key file (`master.key.new`) before any value is
    /// resealed under it, so a rotation interrupted after its commit still has the key.
    public func stagePending(_ key: MasterKey) throws {
        guard !FileManager.default.fileExists(atPath: pendingFile) else {
            throw SecretError("\(pendingFile) was left by an interrupted rotation; `llmops secrets list` shows which master key "
                              + "each secret is sealed under: if all show that file's key, move it over \(file), else delete it")
        }
        try Self.write(key, to: pendingFile)
    }

    /// Makes the staged key the key file (an atomic rename), once the values are resealed.
    public func commitPending() throws {
        guard rename(pendingFile, file) == 0 else {
            throw SecretError("cannot move \(pendingFile) over \(file): \(String(cString: strerror(errno)))")
        }
    }

    static func read(_ path: String) throws -> MasterKey {
        var info = stat()
        guard stat(path, &info) == 0 else { throw SecretError("cannot read the master key file \(path)") }
        let mode = info.st_mode & 0o777
        guard mode & 0o077 == 0 else {
            throw SecretError("the master key file \(path) may be read by group or others (mode \(String(mode, radix: 8))); "
                              + "run `chmod 600 \(path)`")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw SecretError("cannot read the master key file \(path)")
        }
        return try MasterKey(base64: text, source: "the master key file \(path)")
    }

    /// Creates `path` (which must not exist) with mode 0600 from the start and writes the key.
    static func write(_ key: MasterKey, to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw SecretError("cannot create the master key file \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let bytes = Array((key.base64 + "\n").utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(fd) == 0 else { throw SecretError("cannot write the master key file \(path)") }
    }
}
