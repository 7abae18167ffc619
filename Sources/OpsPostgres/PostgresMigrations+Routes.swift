/// Migration v19: route changes belong to a project.
extension PostgresMigrations {
    // Each project numbers its own changes from 1; '' is the operator's (instance-wide) routes, which
    // every change made before this migration was.
    static let v19RouteChangesPerProject = Migration(version: 19, name: "route changes per project", statements: [
        "ALTER TABLE route_changes ADD COLUMN project TEXT COLLATE \"C\" NOT NULL DEFAULT ''",
        "ALTER TABLE route_changes DROP CONSTRAINT route_changes_pkey",
        "ALTER TABLE route_changes ADD PRIMARY KEY (project, version)",
    ])
}
