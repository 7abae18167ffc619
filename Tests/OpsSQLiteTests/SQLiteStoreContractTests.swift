import Foundation
import OpsCore
import OpsSQLite
import OpsTesting
import XCTest

/// The shared store contract, against a fresh SQLite file per test.
final class SQLiteStoreContractTests: StoreContractTestCase {
    private var directory: URL?

    override func makeStore() async throws -> any OpsStore {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("llmops-sqlite-\(UUID().uuidString)")
        self.directory = directory
        return try SQLiteStore(path: directory.appendingPathComponent("nested/llmops.sqlite").path)
    }

    override func tearDown() async throws {
        try await super.tearDown()
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    func testMigrateTwiceIsNoOp() async throws { try await contractMigrateTwiceIsNoOp() }
    func testRoundTripEveryField() async throws { try await contractRoundTripEveryField() }
    func testRoundTripBareTrace() async throws { try await contractRoundTripBareTrace() }
    func testControlCharactersAreStored() async throws { try await contractControlCharactersAreStored() }
    func testProjectIsolation() async throws { try await contractProjectIsolation() }
    func testBatchIsAtomic() async throws { try await contractBatchIsAtomic() }
    func testConcurrentBatches() async throws { try await contractConcurrentBatches() }
    func testEveryFilter() async throws { try await contractEveryFilter() }
    func testPaginationWithEqualTimestamps() async throws { try await contractPaginationWithEqualTimestamps() }
    func testLimitIsClamped() async throws { try await contractLimitIsClamped() }
    func testListedTracesAreComplete() async throws { try await contractListedTracesAreComplete() }
    func testTracePointsRange() async throws { try await contractTracePointsRange() }
    func testKeys() async throws { try await contractKeys() }
    func testConsoleSessions() async throws { try await contractConsoleSessions() }
    func testDuplicateKeysAreRejected() async throws { try await contractDuplicateKeysAreRejected() }
    func testProjects() async throws { try await contractProjects() }
    func testKeyLimitsAndExpiry() async throws { try await contractKeyLimitsAndExpiry() }
    func testLimitStates() async throws { try await contractLimitStates() }
    func testRouteChanges() async throws { try await contractRouteChanges() }
    func testPromptVersions() async throws { try await contractPromptVersions() }
    func testPromptLabels() async throws { try await contractPromptLabels() }
    func testPromptLabelErrors() async throws { try await contractPromptLabelErrors() }
    func testConcurrentPromptPushes() async throws { try await contractConcurrentPromptPushes() }
    func testDatasetVersions() async throws { try await contractDatasetVersions() }
    func testDatasetIsolationAndListing() async throws { try await contractDatasetIsolationAndListing() }
    func testDatasetBadReferences() async throws { try await contractDatasetBadReferences() }
    func testTracesByPrompt() async throws { try await contractTracesByPrompt() }
    func testExperimentRuns() async throws { try await contractExperimentRuns() }
    func testExperimentItemErrors() async throws { try await contractExperimentItemErrors() }
    func testScoreDefinitions() async throws { try await contractScoreDefinitions() }
    func testScores() async throws { try await contractScores() }
    func testQueueLeasing() async throws { try await contractQueueLeasing() }
    func testQueueCompletion() async throws { try await contractQueueCompletion() }
    func testConcurrentReviewers() async throws { try await contractConcurrentReviewers() }
    func testQueueAppend() async throws { try await contractQueueAppend() }
    func testConcurrentQueueAppends() async throws { try await contractConcurrentQueueAppends() }
    func testRetentionPurge() async throws { try await contractRetentionPurge() }
    func testEndUserErasure() async throws { try await contractEndUserErasure() }
}
