import OpsCore
import OpsTesting
import XCTest

/// The in-memory prompt store: numbering, labels, rollbacks and the audit trail of label moves.
final class InMemoryPromptStoreTests: XCTestCase {
    func testStoreVersionsLabelsAndAuditTrail() async throws {
        let store = InMemoryPromptStore()
        let v1 = try await store.createVersion(try PromptDraft(name: "qa", body: .text("Q: {{q}}"), author: "ada"), project: "p")
        let v2 = try await store.createVersion(try PromptDraft(name: "qa", body: .text("Question: {{q}}"), author: "bob",
                                                               commitMessage: "clearer"), project: "p")
        XCTAssertEqual([v1.number, v2.number], [1, 2])
        try await store.moveLabel(project: "p", name: "qa", label: "production", to: 2, actor: "bob")
        let rollback = try await store.moveLabel(project: "p", name: "qa", label: "production", to: 1, actor: "ada")
        XCTAssertEqual(rollback.from, 2)
        XCTAssertTrue(rollback.isRollback)
        let resolved = try await store.resolve(try PromptReference(parsing: "qa@production"), project: "p")
        XCTAssertEqual(resolved.number, 1)
        let latest = try await store.resolve(PromptReference(name: "qa"), project: "p")
        XCTAssertEqual(latest.number, 2)
        let moves = try await store.labelMoves(project: "p", name: "qa")
        XCTAssertEqual(moves.map(\.to), [2, 1])
        XCTAssertEqual(moves.map(\.actor), ["bob", "ada"])
        let prompts = try await store.prompts(project: "p")
        XCTAssertEqual(prompts.first?.labels, ["production": 1])
        do {
            try await store.moveLabel(project: "p", name: "qa", label: "staging", to: 9, actor: "ada")
            XCTFail("moved a label to a missing version")
        } catch let error as OpsError {
            XCTAssertEqual(error.kind, .notFound)
        }
        do {
            _ = try await store.resolve(try PromptReference(parsing: "qa@staging"), project: "p")
            XCTFail("resolved a missing label")
        } catch let error as OpsError {
            XCTAssertEqual(error.message, "Prompt 'qa' has no label 'staging'")
        }
        XCTAssertNotEqual(v1.etag, v2.etag)
    }

}
