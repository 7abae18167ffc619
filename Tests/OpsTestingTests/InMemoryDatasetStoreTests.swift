import OpsCore
import OpsTesting
import XCTest

/// The in-memory dataset store: content-addressed versions, prefixes and references.
final class InMemoryDatasetStoreTests: XCTestCase {
    func testVersionsAreContentAddressed() async throws {
        let store = InMemoryDatasetStore()
        let items = [DatasetItem(input: "a", expectedOutput: "A")]
        let v1 = try await store.createVersion(project: "p", dataset: "qa", items: items, author: "ada", message: "first")
        let again = try await store.createVersion(project: "p", dataset: "qa", items: items, author: "bob", message: "same")
        XCTAssertEqual(again, v1)
        let v2 = try await store.createVersion(project: "p", dataset: "qa", items: items + [DatasetItem(input: "b")], author: "ada",
                                               message: "more")
        let summaries = try await store.versions(project: "p", dataset: "qa")
        XCTAssertEqual(summaries.map(\.itemCount), [1, 2])
        let old = try await store.resolve("qa@\(v1.shortHash)", project: "p")
        XCTAssertEqual(old, v1)
        let latest = try await store.resolve("qa", project: "p")
        XCTAssertEqual(latest, v2)
        let names = try await store.datasets(project: "p")
        XCTAssertEqual(names.map(\.dataset), ["qa"])
        do {
            _ = try await store.resolve("qa@ffffffff", project: "p")
            XCTFail("resolved a missing version")
        } catch let error as OpsError {
            XCTAssertEqual(error.kind, .notFound)
        }
        do {
            _ = try await store.resolve("qa@", project: "p")
            XCTFail("resolved an empty version")
        } catch let error as OpsError {
            XCTAssertEqual(error.kind, .invalidRequest)
        }
    }
}
