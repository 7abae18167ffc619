import OpsCore

/// `/api/users/{user}` (admins answer an end user's access and erasure requests).
enum UserDocs {
    static let export = APIOperation(
        summary: "Everything stored of one end user in the caller's project, as JSONL (one object per line with a `type`)",
        tag: "users", answers: [.init(contentType: "application/jsonl", schema: APISchema.string)])

    static let erase = APIOperation(
        summary: "Erase one end user's traces, generations, scores, queue items, dataset items made from their traces and cached answers",
        tag: "users",
        answers: [.init(schema: APISchema.object([
            "object": APISchema.string, "user": APISchema.string, "project": APISchema.string,
            "deleted": APISchema.object(["traces": APISchema.integer, "generations": APISchema.integer, "scores": APISchema.integer,
                                         "queue_items": APISchema.integer, "dataset_versions": APISchema.integer,
                                         "dataset_items": APISchema.integer, "cache_entries": APISchema.integer]),
            "dataset_versions_created": APISchema.array(APISchema.object(["dataset": APISchema.string, "version": APISchema.string])),
        ], required: ["object", "user", "project", "deleted", "dataset_versions_created"]))])
}
