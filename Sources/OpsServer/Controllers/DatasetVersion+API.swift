import OpsCore

extension DatasetVersionSummary {
    /// A version as the datasets API lists it.
    var apiJSON: JSONValue {
        ["dataset": .string(dataset), "hash": .string(hash), "short_hash": .string(String(hash.prefix(12))),
         "item_count": .int(Int64(itemCount)), "created_at": .string(createdAt.iso8601), "author": .string(author),
         "message": .string(message)]
    }
}
