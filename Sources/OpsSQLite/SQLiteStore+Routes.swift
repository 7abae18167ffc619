import Foundation
import GRDB
import OpsCore

extension SQLiteStore {
    public func appendRouteChange(actor: String, at date: Date, routes: JSONValue) async throws -> StoredRouteChange {
        let text = routes.serializedString()
        return try await write("recording a route change") { db in
            let version = (try Int.fetchOne(db, sql: "SELECT MAX(version) FROM route_changes") ?? 0) + 1
            try db.execute(sql: "INSERT INTO route_changes (version, actor, created_at, routes) VALUES (?, ?, ?, ?)",
                           arguments: [version, actor, date.epochMicros, text])
            return StoredRouteChange(version: version, actor: actor, createdAt: Date(epochMicros: date.epochMicros), routes: routes)
        }
    }

    public func latestRouteChange() async throws -> StoredRouteChange? {
        try await routeChanges(limit: 1).first
    }

    public func routeChanges(limit: Int) async throws -> [StoredRouteChange] {
        let rows = try await read("listing route changes") { db in
            try Row.fetchAll(db, sql: "SELECT version, actor, created_at, routes FROM route_changes ORDER BY version DESC LIMIT ?",
                             arguments: [max(0, limit)])
        }
        return try rows.map(Self.routeChange)
    }

    public func routeChange(version: Int) async throws -> StoredRouteChange? {
        let row = try await read("reading route change \(version)") { db in
            try Row.fetchOne(db, sql: "SELECT version, actor, created_at, routes FROM route_changes WHERE version = ?",
                             arguments: [version])
        }
        return try row.map(Self.routeChange)
    }

    private static func routeChange(_ row: Row) throws -> StoredRouteChange {
        let version: Int = row[0]
        let text: String = row[3]
        guard let routes = try? JSONParser.parse(text) else {
            throw SQLiteStoreError(.corruptData, "route_changes.routes of version \(version) is not JSON")
        }
        return StoredRouteChange(version: version, actor: row[1], createdAt: Date(epochMicros: row[2]), routes: routes)
    }
}
