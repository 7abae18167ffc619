import Foundation
import OpsCore
@testable import OpsServer
import OpsTesting
import XCTest

/// The first admin key: `LLMOPS_ADMIN_KEY` must be long enough; a generated one goes to a file only
/// the server's user can read, never to the log.
final class AdminBootstrapTests: XCTestCase {
    private func directory() -> String {
        let path = NSTemporaryDirectory() + "llmops-bootstrap-" + Identifier.hex(bytes: 6)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    func testAShortAdminKeyIsRefusedWithAClearMessage() async throws {
        let store = InMemoryStore()
        try await store.migrate()
        let short = String(repeating: "k", count: 31)
        do {
            _ = try await AdminBootstrap(store: store, directory: directory()).ensureAdmin(secret: short)
            XCTFail("a 31-character admin key was accepted")
        } catch let error as ConfigError {
            XCTAssertEqual(error.key, "LLMOPS_ADMIN_KEY")
            XCTAssertTrue(error.message.contains("at least 32"), error.message)
            XCTAssertFalse(error.description.contains(short), "the key is not repeated in the message")
        }
        let keys = try await store.listKeys(project: nil)
        XCTAssertEqual(keys, [], "nothing was registered")
        let long = String(repeating: "k", count: 32)
        let outcome = try await AdminBootstrap(store: store, directory: directory()).ensureAdmin(secret: long)
        XCTAssertEqual(outcome, .registered)
        let registered = try await store.key(secretHash: KeySecret.hash(long))
        XCTAssertEqual(registered?.role, .admin)
    }

    func testAGeneratedKeyIsWrittenToAPrivateFile() async throws {
        let store = InMemoryStore()
        try await store.migrate()
        let dir = directory()
        let outcome = try await AdminBootstrap(store: store, directory: dir).ensureAdmin(secret: nil)
        let path = dir + "/bootstrap-admin-key"
        XCTAssertEqual(outcome, .created(keyFile: path))
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        let secret = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let key = try await KeyAuthenticator(store: store).authenticate(secret: secret)
        XCTAssertEqual(key.role, .admin)
        XCTAssertEqual(key.project, "default")

        let again = try await AdminBootstrap(store: store, directory: dir).ensureAdmin(secret: nil)
        XCTAssertEqual(again, .existing)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines), secret,
                       "a second start leaves the file alone")
    }

    func testAFileLeftWithLooseModeIsReplacedPrivately() async throws {
        let store = InMemoryStore()
        try await store.migrate()
        let dir = directory()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/bootstrap-admin-key"
        FileManager.default.createFile(atPath: path, contents: Data("old".utf8), attributes: [.posixPermissions: 0o644])
        _ = try await AdminBootstrap(store: store, directory: dir).ensureAdmin(secret: nil)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
    }
}
