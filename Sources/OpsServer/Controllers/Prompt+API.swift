import OpsCore

extension Prompt {
    /// An entry of `GET /api/prompts`.
    var apiJSON: JSONValue {
        var labels = JSONObject()
        for (label, version) in self.labels.sorted(by: { $0.key < $1.key }) { labels[label] = .int(Int64(version)) }
        return ["name": .string(name), "latest_version": .int(Int64(latestVersion)), "labels": .object(labels),
                "created_at": .string(createdAt.iso8601)]
    }
}
