import Crypto
import Foundation
import OpsCore

/// Seals provider secrets with AES-256-GCM under the master key and opens them again. Each value
/// gets a fresh random nonce; the secret's name is authenticated with it, so a sealed value copied
/// to another name does not open.
public struct SecretVault: Sendable {
    let store: any SecretStore
    /// The key new values are sealed under, then keys that still open older values.
    let keys: [MasterKey]
    let clock: any WallClock

    public init(store: any SecretStore, key: MasterKey, clock: any WallClock = SystemClock()) {
        self.init(store: store, keys: [key], clock: clock)
    }

    init(store: any SecretStore, keys: [MasterKey], clock: any WallClock = SystemClock()) {
        self.store = store
        self.keys = keys
        self.clock = clock
    }

    /// The id of the key new values are sealed under.
    public var keyID: String { keys[0].id }

    /// A vault with the source's keys (the current one first).
    public static func open(store: any SecretStore, source: MasterKeySource, create: Bool) throws -> SecretVault {
        if create { _ = try source.load(create: true) }
        return SecretVault(store: store, keys: try source.keyring())
    }

    /// Seals and stores `value` as `name`; true when the name is new.
    @discardableResult
    public func set(_ name: String, value: String) async throws -> Bool {
        try StoredSecret.validateName(name)
        guard !value.isEmpty else { throw SecretError("the value of \(name) is empty") }
        let existed = try await store.secret(named: name) != nil
        let now = clock.now()
        try await store.putSecret(try Self.seal(value, name: name, key: keys[0], createdAt: now, updatedAt: now))
        return !existed
    }

    /// The value of `name`, or nil when there is none; throws when no key opens it.
    public func reveal(_ name: String) async throws -> String? {
        guard let stored = try await store.secret(named: name) else { return nil }
        return try open(stored)
    }

    /// Reseals every value under `newKey` in one transaction; returns how many.
    public func rotate(to newKey: MasterKey) async throws -> Int {
        let keys = self.keys
        let now = clock.now()
        return try await store.resealSecrets { old in
            let value = try Self.open(old, keys: keys)
            return try Self.seal(value, name: old.name, key: newKey, createdAt: old.createdAt, updatedAt: now)
        }
    }

    /// The plaintext of `stored`.
    func open(_ stored: StoredSecret) throws -> String { try Self.open(stored, keys: keys) }

    static func open(_ stored: StoredSecret, keys: [MasterKey]) throws -> String {
        guard let key = keys.first(where: { $0.id == stored.keyID }) else {
            throw SecretError("secret \(stored.name) is sealed under master key \(stored.keyID), but the master key is \(keys[0].id)")
        }
        do {
            guard let nonceBytes = Data(base64Encoded: stored.nonce), let sealed = Data(base64Encoded: stored.ciphertext),
                  sealed.count >= 16 else { throw SecretError("") }
            let box = try AES.GCM.SealedBox(nonce: AES.GCM.Nonce(data: nonceBytes), ciphertext: sealed.dropLast(16), tag: sealed.suffix(16))
            let plain = try AES.GCM.open(box, using: key.key, authenticating: Self.associatedData(stored.name))
            return String(decoding: plain, as: UTF8.self)
        } catch {
            throw SecretError("secret \(stored.name) does not open with master key \(key.id) (the stored value was altered)")
        }
    }

    static func seal(_ value: String, name: String, key: MasterKey, createdAt: Date, updatedAt: Date) throws -> StoredSecret {
        let nonce = AES.GCM.Nonce()
        let box = try AES.GCM.seal(Array(value.utf8), using: key.key, nonce: nonce, authenticating: associatedData(name))
        return StoredSecret(name: name, keyID: key.id, nonce: Data(nonce).base64EncodedString(),
                            ciphertext: (box.ciphertext + box.tag).base64EncodedString(), createdAt: createdAt, updatedAt: updatedAt)
    }

    private static func associatedData(_ name: String) -> [UInt8] { Array("llmops-secret:\(name)".utf8) }
}
