import Foundation
import GRDB
import OpsCore
@testable import OpsSQLite
import XCTest

/// Migration v19 gives route changes a project: changes stored before it become the operator's
/// (instance-wide, project ""), keep their numbers and contents, and projects number their own.
final class RouteChangesMigrationTests: XCTestCase {
    private var directory: URL!

    override func setUp() {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("llmops-v19-\(UUID().uuidString)")
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: directory)
    }

    func testChangesStoredBeforeV19BecomeTheOperators() async throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("old.sqlite").path
        let pool = try DatabasePool(path: path)
        var old = DatabaseMigrator()
        let released = [("v1", SQLiteMigrations.v1ProjectsAndKeys), ("v2", SQLiteMigrations.v2TracesAndGenerations),
                        ("v3", SQLiteMigrations.v3Prompts), ("v4", SQLiteMigrations.v4Datasets),
                        ("v5", SQLiteMigrations.v5Experiments), ("v10", SQLiteMigrations.v10LimitsAndRoutes)]
        for (name, sql) in released { old.registerMigration(name) { db in try db.execute(sql: sql) } }
        try old.migrate(pool)
        let routes = #"{"routes":[{"name":"chat","deployments":[{"model":"a","weight":1}]}]}"#
        try await pool.write { db in
            for version in 1...2 {
                try db.execute(sql: "INSERT INTO route_changes (version, actor, created_at, routes) VALUES (?, 'cli:ops', ?, ?)",
                               arguments: [version, version * 1_000_000, routes])
            }
        }
        try pool.close()

        let store = try SQLiteStore(path: path)
        let applied = try await store.migrate()
        XCTAssertTrue(applied.contains(19), "\(applied)")
        let versions = try await store.routeVersions()
        XCTAssertEqual(versions, ["": 2])
        let instance = try await store.routeChanges(limit: 10)
        XCTAssertEqual(instance.map(\.version), [2, 1])
        XCTAssertEqual(instance.first?.project, "")
        XCTAssertEqual(instance.first?.actor, "cli:ops")
        XCTAssertEqual(instance.first?.routes["routes"]?.arrayValue?.first?["name"]?.stringValue, "chat")
        let project = try await store.appendRouteChange(project: "alpha", actor: "key", at: Date(), routes: ["routes": []])
        XCTAssertEqual(project.version, 1, "a project numbers its own changes")
        let next = try await store.appendRouteChange(actor: "cli:ops", at: Date(), routes: ["routes": []])
        XCTAssertEqual(next.version, 3)
        try await store.close()
    }
}
