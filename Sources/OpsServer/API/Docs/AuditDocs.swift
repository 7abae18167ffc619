import OpsCore

/// `/api/audit` (admins read their project's audit log).
enum AuditDocs {
    static let entry = APISchema.object([
        "sequence": APISchema.integer, "at": APISchema.string, "actor": APISchema.string, "project": APISchema.string,
        "action": APISchema.string, "target": APISchema.nullable(APISchema.string), "detail": APISchema.anyObject,
        "previous_hash": APISchema.string, "hash": APISchema.string,
    ], required: ["sequence", "at", "actor", "project", "action", "detail", "previous_hash", "hash"])

    static let list = APIOperation(
        summary: "Audit entries of the caller's project, newest first", tag: "audit",
        query: ["action", "from", "to", "cursor"].map { APIOperation.Parameter(name: $0, schema: APISchema.string) }
            + [.init(name: "limit", schema: ["type": "integer", "minimum": 1, "maximum": 1000])],
        answers: [.init(schema: APISchema.object(["object": APISchema.string, "data": APISchema.array(entry),
                                                  "next_cursor": APISchema.nullable(APISchema.string),
                                                  "has_more": APISchema.boolean], required: ["data"]))])
}
