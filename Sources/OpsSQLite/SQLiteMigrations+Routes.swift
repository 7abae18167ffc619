import GRDB

/// Migration v19: route changes belong to a project.
extension SQLiteMigrations {
    // Each project numbers its own changes from 1; '' is the operator's (instance-wide) routes, which
    // every change made before this migration was. SQLite cannot change a primary key in place, so
    // the table is copied.
    static let v19RouteChangesPerProject = """
        CREATE TABLE route_changes_v19 (
            project TEXT NOT NULL,
            version INTEGER NOT NULL,
            actor TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            routes TEXT NOT NULL,
            PRIMARY KEY (project, version)
        );
        INSERT INTO route_changes_v19 (project, version, actor, created_at, routes)
            SELECT '', version, actor, created_at, routes FROM route_changes;
        DROP TABLE route_changes;
        ALTER TABLE route_changes_v19 RENAME TO route_changes;
        """
}
