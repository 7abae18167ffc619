import GRDB

/// What retention needs from the schema.
extension SQLiteMigrations {
    // Retention deletes the oldest scores of a project first; the existing score indexes lead with the
    // trace or the run, so without this one every batch would scan the project's scores.
    static let v18RetentionIndexes = """
        CREATE INDEX scores_project_created ON scores(project, created_at, id);
        """
}
