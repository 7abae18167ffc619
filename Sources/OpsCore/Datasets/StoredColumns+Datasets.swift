import Foundation

extension StoredColumns {
    /// The items of a dataset version read back, checked against the hash they were stored under.
    public static func datasetVersion(dataset: String, hash: String, items: [String], author: String, message: String,
                                      createdAtMicros: Int64) throws(Corrupt) -> DatasetVersion {
        let owner = "\(dataset)@\(hash.prefix(12))"
        var parsed: [DatasetItem] = []
        parsed.reserveCapacity(items.count)
        for (position, text) in items.enumerated() {
            let value = try json(text, column: "dataset_items.item", of: "\(owner)[\(position)]")
            guard let input = value["input"] else {
                throw Corrupt(description: "dataset_items.item of \(owner)[\(position)] has no input")
            }
            parsed.append(DatasetItem(input: input, expectedOutput: value["expected_output"],
                                      metadata: value["metadata"]?.objectValue ?? JSONObject()))
        }
        let version = DatasetVersion(dataset: dataset, items: parsed, createdAt: Date(epochMicros: createdAtMicros),
                                     author: author, message: message)
        guard version.hash == hash else {
            throw Corrupt(description: "the items of \(owner) no longer hash to their version (\(version.hash.prefix(12)))")
        }
        return version
    }
}
