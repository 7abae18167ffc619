import Foundation
import OpsCore

/// Erases one end user's records from a project (`DELETE /api/users/{user}`): the store's rows, the
/// gateway's cached answers made for that user, and the user's items in datasets.
///
/// Decision on datasets, whose versions are content-addressed and immutable: an item cannot be cut
/// out of a version without changing its hash, so every version holding an item made from one of
/// the user's traces is deleted whole, and when the newest version held one, a new version (the
/// newest without those items) is written first, so the dataset goes on with everything else it
/// had. Experiment runs keep their results; a run made on a deleted version names a version that
/// is no longer there.
struct EndUserErasure {
    let services: GatewayServices

    /// What an erasure did: rows per table (`cache_entries` for the gateway's caches) and the
    /// dataset versions written in place of the deleted ones.
    struct Outcome {
        var deleted: [String: Int]
        var newVersions: [(dataset: String, hash: String)]
    }

    func erase(user: String, project: String, actor: String) async throws -> Outcome {
        let store = services.store
        let ids = Set(try await EndUserRecords.traces(user: user, project: project, store: store).map(\.id))
        var newVersions: [(dataset: String, hash: String)] = []
        if !ids.isEmpty {
            for dataset in try await store.datasets(project: project) {
                guard let newest = try await store.latestVersion(project: project, dataset: dataset.dataset) else { continue }
                let kept = newest.items.filter { !EndUserRecords.isDerived($0, from: ids) }
                guard kept.count < newest.items.count, !kept.isEmpty else { continue }
                let version = try await store.createVersion(project: project, dataset: dataset.dataset, items: kept, author: actor,
                                                            message: "items of an erased end user removed")
                newVersions.append((dataset.dataset, version.hash))
            }
        }
        var deleted = try await store.eraseEndUser(project: project, user: user)
        deleted["cache_entries"] = eraseCachedAnswers(user: user, project: project)
        return Outcome(deleted: deleted, newVersions: newVersions)
    }

    /// Cached answers are kept per end user (the exact cache's key and the semantic cache's
    /// partition name the request's `user`), so the user's entries are found without a scan of answers.
    private func eraseCachedAnswers(user: String, project: String) -> Int {
        let router = services.routing.router
        let exact = router.exactCache?.removeAll { $0.project == project && $0.user == user } ?? 0
        let semantic = router.semanticCache?.removePartitions { $0.project == project && $0.user == user } ?? 0
        return exact + semantic
    }
}
