import Foundation
import GRDB
import OpsCore

extension SQLiteStore {
    public func appendRouteChange(project: String, actor: String, at date: Date, routes: JSONValue) async throws -> StoredRouteChange {
        let text = routes.serializedString()
        return try await write("recording a route change") { db in
            let version = (try Int.fetchOne(db, sql: "SELECT MAX(version) FROM route_changes WHERE project = ?",
                                            arguments: [project]) ?? 0) + 1
            try db.execute(sql: "INSERT INTO route_changes (project, version, actor, created_at, routes) VALUES (?, ?, ?, ?, ?)",
                           arguments: [project, version, actor, date.epochMicros, text])
            return StoredRouteChange(project: project, version: version, actor: actor,
                                     createdAt: Date(epochMicros: date.epochMicros), routes: routes)
        }
    }

    public func latestRouteChange(project: String) async throws -> StoredRouteChange? {
        try await routeChanges(project: project, limit: 1).first
    }

    public func routeChanges(project: String, limit: Int) async throws -> [StoredRouteChange] {
        let rows = try await read("listing route changes") { db in
            try Row.fetchAll(db, sql: """
                SELECT project, version, actor, created_at, routes FROM route_changes WHERE project = ? \
                ORDER BY version DESC LIMIT ?
                """, arguments: [project, max(0, limit)])
        }
        return try rows.map(Self.routeChange)
    }

    public func routeChange(project: String, version: Int) async throws -> StoredRouteChange? {
        let row = try await read("reading route change \(version)") { db in
            try Row.fetchOne(db, sql: "SELECT project, version, actor, created_at, routes FROM route_changes WHERE project = ? AND version = ?",
                             arguments: [project, version])
        }
        return try row.map(Self.routeChange)
    }

    public func routeVersions() async throws -> [String: Int] {
        let rows = try await read("listing route versions") { db in
            try Row.fetchAll(db, sql: "SELECT project, MAX(version) FROM route_changes GROUP BY project")
        }
        return Dictionary(rows.map { (row: Row) -> (String, Int) in (row[0], row[1]) }, uniquingKeysWith: max)
    }

    private static func routeChange(_ row: Row) throws -> StoredRouteChange {
        let version: Int = row[1]
        let text: String = row[4]
        guard let routes = try? JSONParser.parse(text) else {
            throw SQLiteStoreError(.corruptData, "route_changes.routes of version \(version) is not JSON")
        }
        return StoredRouteChange(project: row[0], version: version, actor: row[2], createdAt: Date(epochMicros: row[3]), routes: routes)
    }
}
