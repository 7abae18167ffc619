/// Where one end user's records are found and erased (the `user` a request names, kept on its
/// trace): what a right-of-access export and a right-to-erasure request need, per project.
public protocol EndUserStore: Sendable {
    /// The annotation-queue items of `project` that point at any of `traceIDs`, by queue and position.
    func queueItems(project: String, traceIDs: [String]) async throws -> [QueueItem]

    /// Erases in one transaction every trace of `user` in `project` with its generations, the scores
    /// and annotation-queue items that point at those traces, and every dataset version of the project
    /// holding an item made from one of them (an item whose `metadata.trace_id` names such a trace).
    /// Returns the rows deleted per table (`traces`, `generations`, `scores`, `queue_items`,
    /// `dataset_versions`, `dataset_items`), zero where there was nothing.
    func eraseEndUser(project: String, user: String) async throws -> [String: Int]
}

/// The tables `EndUserStore.eraseEndUser` reports, in the order answers list them.
public enum ErasedTables {
    public static let all = ["traces", "generations", "scores", "queue_items", "dataset_versions", "dataset_items"]
}
