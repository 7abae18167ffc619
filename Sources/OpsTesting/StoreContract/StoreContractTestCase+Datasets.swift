import Foundation
import OpsCore
import XCTest

extension StoreContractTestCase {
    static let datasetItems: [DatasetItem] = [
        DatasetItem(input: ["question": "Wie spät ist es? 東京 🚀", "n": 1.0], expectedOutput: "Zeit\n\t\"quoted\"",
                    metadata: JSONObject([("source", "unit"), ("nested", ["a": [1, 2.5, true, nil]])])),
        DatasetItem(input: ["messages": [["role": "user", "content": "hi"]]]),
        DatasetItem(input: "plain text", expectedOutput: ["structured": true]),
    ]

    /// Versions are identified by content: the same items give the same version, new items a new one.
    public func contractDatasetVersions() async throws {
        let items = Self.datasetItems
        let v1 = try await store.createVersion(project: "alpha", dataset: "qa", items: items, author: "key_ada",
                                               message: "imported")
        XCTAssertEqual(v1.hash, DatasetVersion.contentHash(of: items))
        XCTAssertEqual(v1.items, items)
        let again = try await store.createVersion(project: "alpha", dataset: "qa", items: items, author: "key_bob",
                                                  message: "again")
        XCTAssertEqual(again, v1, "the same content returns the existing version, author and message included")
        let v2 = try await store.createVersion(project: "alpha", dataset: "qa", items: items + [DatasetItem(input: "more")],
                                               author: "key_bob", message: "added one")
        XCTAssertNotEqual(v2.hash, v1.hash)

        let read1 = try await store.version(project: "alpha", dataset: "qa", hash: v1.hash)
        XCTAssertEqual(read1, v1, "a version reads back exactly, items in order")
        XCTAssertEqual(read1?.items.first?.metadata.keys, ["source", "nested"], "item JSON keeps its order")
        let byPrefix = try await store.version(project: "alpha", dataset: "qa", hash: String(v2.hash.prefix(6)).uppercased())
        XCTAssertEqual(byPrefix, v2, "six hex digits, any case, name a version")
        let latest = try await store.latestVersion(project: "alpha", dataset: "qa")
        XCTAssertEqual(latest, v2)
        let summaries = try await store.versions(project: "alpha", dataset: "qa")
        XCTAssertEqual(summaries, [DatasetVersionSummary(v1), DatasetVersionSummary(v2)])
        let resolved = try await store.resolve("qa@\(v1.shortHash)", project: "alpha")
        XCTAssertEqual(resolved, v1)

        let absent = ["ffffff", "000000"].first { !v1.hash.hasPrefix($0) && !v2.hash.hasPrefix($0) }!
        let missing = try await store.version(project: "alpha", dataset: "qa", hash: absent)
        XCTAssertNil(missing, "an unknown prefix names nothing")
        let noDataset = try await store.latestVersion(project: "alpha", dataset: "nope")
        XCTAssertNil(noDataset)
    }

    /// Datasets are per project; the listing shows each dataset's newest version.
    public func contractDatasetIsolationAndListing() async throws {
        let a1 = try await store.createVersion(project: "alpha", dataset: "qa", items: [DatasetItem(input: "a")],
                                               author: "a", message: "")
        let a2 = try await store.createVersion(project: "alpha", dataset: "qa", items: [DatasetItem(input: "b")],
                                               author: "a", message: "")
        let other = try await store.createVersion(project: "alpha", dataset: "empty", items: [], author: "a", message: "none")
        let beta = try await store.createVersion(project: "beta", dataset: "qa", items: [DatasetItem(input: "a")],
                                                 author: "b", message: "")
        XCTAssertEqual(beta.hash, a1.hash, "content hashes do not depend on the project")
        XCTAssertEqual(other.items, [])

        let listed = try await store.datasets(project: "alpha")
        XCTAssertEqual(listed.map(\.dataset), ["empty", "qa"])
        XCTAssertEqual(listed.map(\.hash), [other.hash, a2.hash])
        XCTAssertEqual(listed.map(\.itemCount), [0, 1])
        let gamma = try await store.datasets(project: "gamma")
        XCTAssertEqual(gamma, [])
        let betaVersions = try await store.versions(project: "beta", dataset: "qa")
        XCTAssertEqual(betaVersions.map(\.hash), [beta.hash], "beta sees only its own version")
        let betaByAlphaHash = try await store.version(project: "beta", dataset: "qa", hash: a2.hash)
        XCTAssertNil(betaByAlphaHash, "a hash from another project names nothing")
    }

    /// Bad prefixes and names are client errors naming the field.
    public func contractDatasetBadReferences() async throws {
        _ = try await store.createVersion(project: "alpha", dataset: "qa", items: [DatasetItem(input: "a")], author: "a",
                                          message: "")
        for (prefix, message) in [("abc", "A dataset version needs 6 to 64 hex digits of its hash, got 'abc'"),
                                  ("zzzzzz", "The dataset version 'zzzzzz' is not hexadecimal"),
                                  ("ab%cde", "The dataset version 'ab%cde' is not hexadecimal")] {
            let error = await assertThrows(prefix) {
                _ = try await self.store.version(project: "alpha", dataset: "qa", hash: prefix)
            }
            XCTAssertEqual((error as? OpsError)?.kind, .invalidRequest)
            XCTAssertEqual((error as? OpsError)?.message, message)
            XCTAssertEqual((error as? OpsError)?.param, "dataset")
        }
        let badName = await assertThrows("a dataset name with a slash") {
            _ = try await self.store.createVersion(project: "alpha", dataset: "a/b", items: [], author: "a", message: "")
        }
        XCTAssertEqual((badName as? OpsError)?.param, "dataset")
        let notFound = await assertThrows("a missing dataset") { _ = try await self.store.resolve("nope", project: "alpha") }
        XCTAssertEqual((notFound as? OpsError)?.kind, .notFound)
        XCTAssertEqual((notFound as? OpsError)?.code, "dataset_not_found")
    }
}
