import OpsCore

/// `/api/keys` (admins manage their project's keys).
enum KeyDocs {
    static let key = APISchema.object([
        "id": APISchema.string, "project": APISchema.string, "name": APISchema.nullable(APISchema.string),
        "role": APISchema.oneOf(["viewer", "developer", "admin"]), "prefix": APISchema.string, "created_at": APISchema.string,
        "revoked_at": APISchema.nullable(APISchema.string), "expires_at": APISchema.nullable(APISchema.string),
        "limits": APISchema.anyObject,
    ], required: ["id", "project", "role", "prefix", "created_at"])
    /// A key as created or rotated: with its secret, shown once.
    static let issued = APISchema.object(["id": APISchema.string, "key": APISchema.string, "role": APISchema.string,
                                          "project": APISchema.string], required: ["id", "key"])

    static let list = APIOperation(summary: "The project's keys (without secrets)", tag: "keys",
                                   answers: [.init(schema: APISchema.list(key))])
    static let create = APIOperation(
        summary: "Issue a key of the caller's project", tag: "keys",
        body: APISchema.object(["role": APISchema.oneOf(["viewer", "developer", "admin"]), "name": APISchema.string,
                                "expires_in": APISchema.string, "limits": APISchema.anyObject]),
        answers: [.init(status: 201, description: "Created", schema: issued)], errors: [413],
        example: ["role": "viewer", "name": "reader"], creates: "/id")
    static let revoke = APIOperation(summary: "Revoke a key", tag: "keys",
                                     answers: [.init(schema: APISchema.object(["id": APISchema.string, "revoked": APISchema.boolean],
                                                                              required: ["id", "revoked"]))])
    static let rotate = APIOperation(summary: "A new key with the same rights; the old one lives for a grace period", tag: "keys",
                                     body: APISchema.object(["grace": APISchema.string]),
                                     answers: [.init(status: 201, description: "Created", schema: issued)], errors: [413])
}
