import Foundation
import OpsCore

/// Console sessions in memory, by token hash; `InMemoryStore+Sessions` joins them with keys.
actor InMemoryConsoleSessionStore {
    private var sessions: [String: ConsoleSession] = [:]

    func insert(_ session: ConsoleSession) throws {
        guard sessions[session.tokenHash] == nil else {
            throw InMemoryStore.Conflict(description: "a console session with this token exists already")
        }
        // Stored to the microsecond, as the SQL stores keep time.
        var stored = session
        stored.createdAt = Date(epochMicros: session.createdAt.epochMicros)
        stored.expiresAt = Date(epochMicros: session.expiresAt.epochMicros)
        sessions[session.tokenHash] = stored
    }

    func session(tokenHash: String) -> ConsoleSession? { sessions[tokenHash] }

    func delete(tokenHash: String) -> Bool { sessions.removeValue(forKey: tokenHash) != nil }

    func delete(expiredBefore date: Date) -> Int {
        let limit = date.epochMicros
        let ended = sessions.values.filter { $0.expiresAt.epochMicros < limit }.map(\.tokenHash)
        for hash in ended { sessions[hash] = nil }
        return ended.count
    }
}
