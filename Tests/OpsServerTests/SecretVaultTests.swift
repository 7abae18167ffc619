import Foundation
import OpsCore
@testable import OpsServer
import OpsTesting
import XCTest

/// Sealing, opening and rotating secrets, and where the master key comes from.
final class SecretVaultTests: XCTestCase {
    private func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "llmops-secrets-" + Identifier.hex(bytes: 6)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    func testValuesAreSealedWithTheirOwnNonceAndBoundToTheirName() async throws {
        let store = InMemorySecretStore()
        let key = MasterKey.generate()
        let vault = SecretVault(store: store, key: key)
        let created = try await vault.set("OPENAI", value: "sk-plain-value-123")
        XCTAssertTrue(created)
        let replaced = try await vault.set("OPENAI", value: "sk-plain-value-123")
        XCTAssertFalse(replaced)
        try await vault.set("OTHER", value: "sk-plain-value-123")
        let firstStored = try await store.secret(named: "OPENAI")
        let secondStored = try await store.secret(named: "OTHER")
        let first = try XCTUnwrap(firstStored)
        let second = try XCTUnwrap(secondStored)
        XCTAssertNotEqual(first.nonce, second.nonce)
        XCTAssertNotEqual(first.ciphertext, second.ciphertext)
        XCTAssertEqual(first.keyID, key.id)
        for field in [first.nonce, first.ciphertext, first.keyID] {
            XCTAssertFalse(field.contains("sk-plain"))
            XCTAssertFalse(String(decoding: Data(base64Encoded: field) ?? Data(), as: UTF8.self).contains("sk-plain"))
        }
        let opened = try await vault.reveal("OPENAI")
        XCTAssertEqual(opened, "sk-plain-value-123")
        let none = try await vault.reveal("MISSING")
        XCTAssertNil(none)

        var moved = first
        moved.name = "STOLEN"
        try await store.putSecret(moved)
        do {
            _ = try await vault.reveal("STOLEN")
            XCTFail("a value copied to another name must not open")
        } catch let error as SecretError {
            XCTAssertTrue(error.message.contains("does not open"), error.message)
            XCTAssertFalse(error.message.contains("sk-plain"))
        }
        let other = SecretVault(store: store, key: MasterKey.generate())
        do {
            _ = try await other.reveal("OPENAI")
            XCTFail("another master key must not open it")
        } catch let error as SecretError {
            XCTAssertTrue(error.message.contains(key.id), error.message)
        }
        do {
            try await vault.set("bad name", value: "x")
            XCTFail("a bad name is refused")
        } catch let error as OpsError {
            XCTAssertEqual(error.param, "name")
        }
    }

    func testRotationResealsEverySecret() async throws {
        let store = InMemorySecretStore()
        let old = MasterKey.generate()
        let vault = SecretVault(store: store, key: old)
        for name in ["A", "B", "C"] { try await vault.set(name, value: "value-of-\(name)") }
        let new = MasterKey.generate()
        let count = try await vault.rotate(to: new)
        XCTAssertEqual(count, 3)
        let stored = try await store.secrets()
        XCTAssertEqual(Set(stored.map(\.keyID)), [new.id])
        let rotated = SecretVault(store: store, key: new)
        for name in ["A", "B", "C"] {
            let value = try await rotated.reveal(name)
            XCTAssertEqual(value, "value-of-\(name)")
        }
        do {
            _ = try await vault.reveal("A")
            XCTFail("the old key no longer opens anything")
        } catch is SecretError {}
    }

    func testKeyFileIsCreatedPrivateAndAnOpenOneIsRefused() throws {
        let directory = temporaryDirectory()
        let source = MasterKeySource(environment: [:], storageURL: "sqlite://llmops.sqlite", dataDirectory: directory)
        XCTAssertEqual(source.file, directory + "/master.key")
        XCTAssertThrowsError(try source.load(create: false), "no key without create")
        let created = try source.load(create: true)
        let attributes = try FileManager.default.attributesOfItem(atPath: source.file)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        let again = try source.load(create: true)
        XCTAssertEqual(again.id, created.id, "the file's key is reused")

        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: source.file)
        XCTAssertThrowsError(try source.load(create: true)) { error in
            XCTAssertTrue("\(error)".contains("chmod 600"), "\(error)")
        }
    }

    func testEnvironmentKeyWinsAndIsChecked() throws {
        let directory = temporaryDirectory()
        let bytes = [UInt8](repeating: 7, count: 32)
        let env = MasterKeySource(environment: [MasterKeySource.environmentVariable: Data(bytes).base64EncodedString()],
                                  storageURL: "postgres://h/db", dataDirectory: directory)
        XCTAssertTrue(env.usesEnvironment)
        XCTAssertEqual(try env.load(create: true).id, try MasterKey(bytes: bytes).id)
        XCTAssertFalse(FileManager.default.fileExists(atPath: env.file), "no file is made when the environment has the key")
        let short = MasterKeySource(environment: [MasterKeySource.environmentVariable: Data([1, 2, 3]).base64EncodedString()],
                                    storageURL: "postgres://h/db", dataDirectory: directory)
        XCTAssertThrowsError(try short.load(create: true)) { XCTAssertTrue("\($0)".contains("32 bytes"), "\($0)") }
        let garbage = MasterKeySource(environment: [MasterKeySource.environmentVariable: "not base64!"],
                                      storageURL: "postgres://h/db", dataDirectory: directory)
        XCTAssertThrowsError(try garbage.load(create: true)) { XCTAssertTrue("\($0)".contains("not base64"), "\($0)") }
    }
}
