import Foundation
import OpsCore
import PostgresNIO

extension PostgresStore {
    /// The table is locked for the insert so two replicas applying at once get consecutive versions.
    public func appendRouteChange(project: String, actor: String, at date: Date, routes: JSONValue) async throws -> StoredRouteChange {
        let text = routes.serializedString()
        let micros = date.epochMicros
        return try await run("recording a route change") {
            try await client.withTransaction(logger: logger) { connection in
                try await connection.query("LOCK TABLE route_changes IN EXCLUSIVE MODE", logger: self.logger)
                let rows = try await connection.query("""
                    INSERT INTO route_changes (project, version, actor, created_at, routes) \
                    SELECT \(project), COALESCE(MAX(version), 0) + 1, \(actor), \(micros), \(text) FROM route_changes \
                    WHERE project = \(project) RETURNING version
                    """, logger: self.logger)
                var version = 0
                for try await v in rows.decode(Int.self) { version = v }
                return StoredRouteChange(project: project, version: version, actor: actor, createdAt: Date(epochMicros: micros),
                                         routes: routes)
            }
        }
    }

    public func latestRouteChange(project: String) async throws -> StoredRouteChange? {
        try await routeChanges(project: project, limit: 1).first
    }

    public func routeChanges(project: String, limit: Int) async throws -> [StoredRouteChange] {
        try await run("listing route changes") {
            try await changes("""
                SELECT project, version, actor, created_at, routes FROM route_changes WHERE project = \(project) \
                ORDER BY version DESC LIMIT \(max(0, limit))
                """)
        }
    }

    public func routeChange(project: String, version: Int) async throws -> StoredRouteChange? {
        try await run("reading route change \(version)") {
            try await changes("""
                SELECT project, version, actor, created_at, routes FROM route_changes \
                WHERE project = \(project) AND version = \(version)
                """).first
        }
    }

    public func routeVersions() async throws -> [String: Int] {
        try await run("listing route versions") {
            var out: [String: Int] = [:]
            for try await (project, version) in try await client.query(
                "SELECT project, MAX(version) FROM route_changes GROUP BY project", logger: logger).decode((String, Int).self) {
                out[project] = version
            }
            return out
        }
    }

    private func changes(_ query: PostgresQuery) async throws -> [StoredRouteChange] {
        var out: [StoredRouteChange] = []
        for try await (project, version, actor, micros, text) in try await client.query(query, logger: logger)
            .decode((String, Int, String, Int64, String).self) {
            guard let routes = try? JSONParser.parse(text) else {
                throw PostgresStoreError(.corruptData, "route_changes.routes of version \(version) is not JSON")
            }
            out.append(StoredRouteChange(project: project, version: version, actor: actor, createdAt: Date(epochMicros: micros),
                                         routes: routes))
        }
        return out
    }
}
