import Foundation
import OpsCore

extension InMemoryStore {
    public func insertConsoleSession(_ session: ConsoleSession) async throws { try await sessionStore.insert(session) }

    public func consoleSession(tokenHash: String) async throws -> (session: ConsoleSession, key: APIKey)? {
        guard let session = await sessionStore.session(tokenHash: tokenHash),
              let key = try await listKeys(project: nil).first(where: { $0.id == session.keyID }) else { return nil }
        return (session, key)
    }

    @discardableResult
    public func deleteConsoleSession(tokenHash: String) async throws -> Bool { await sessionStore.delete(tokenHash: tokenHash) }

    @discardableResult
    public func deleteConsoleSessions(expiredBefore date: Date) async throws -> Int {
        await sessionStore.delete(expiredBefore: date)
    }
}
