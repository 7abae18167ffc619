import Foundation
import OpsCore
import PostgresNIO

extension PostgresStore {
    /// The table is locked for the insert so two replicas applying at once get consecutive versions.
    public func appendRouteChange(actor: String, at date: Date, routes: JSONValue) async throws -> StoredRouteChange {
        let text = routes.serializedString()
        let micros = date.epochMicros
        return try await run("recording a route change") {
            try await client.withTransaction(logger: logger) { connection in
                try await connection.query("LOCK TABLE route_changes IN EXCLUSIVE MODE", logger: self.logger)
                let rows = try await connection.query("""
                    INSERT INTO route_changes (version, actor, created_at, routes) \
                    SELECT COALESCE(MAX(version), 0) + 1, \(actor), \(micros), \(text) FROM route_changes RETURNING version
                    """, logger: self.logger)
                var version = 0
                for try await v in rows.decode(Int.self) { version = v }
                return StoredRouteChange(version: version, actor: actor, createdAt: Date(epochMicros: micros), routes: routes)
            }
        }
    }

    public func latestRouteChange() async throws -> StoredRouteChange? {
        try await routeChanges(limit: 1).first
    }

    public func routeChanges(limit: Int) async throws -> [StoredRouteChange] {
        try await run("listing route changes") {
            try await changes("SELECT version, actor, created_at, routes FROM route_changes ORDER BY version DESC LIMIT \(max(0, limit))")
        }
    }

    public func routeChange(version: Int) async throws -> StoredRouteChange? {
        try await run("reading route change \(version)") {
            try await changes("SELECT version, actor, created_at, routes FROM route_changes WHERE version = \(version)").first
        }
    }

    private func changes(_ query: PostgresQuery) async throws -> [StoredRouteChange] {
        var out: [StoredRouteChange] = []
        for try await (version, actor, micros, text) in try await client.query(query, logger: logger)
            .decode((Int, String, Int64, String).self) {
            guard let routes = try? JSONParser.parse(text) else {
                throw PostgresStoreError(.corruptData, "route_changes.routes of version \(version) is not JSON")
            }
            out.append(StoredRouteChange(version: version, actor: actor, createdAt: Date(epochMicros: micros), routes: routes))
        }
        return out
    }
}
