import Foundation
import OpsCore
import OpsPostgres
import OpsTesting
import XCTest

/// The shared store contract, against a real PostgreSQL, in a fresh schema per test.
final class PostgresStoreContractTests: StoreContractTestCase {
    private var schema: String?

    override func makeStore() async throws -> any OpsStore {
        let (url, schema) = try PostgresTestDatabase.freshSchemaURL()
        self.schema = schema
        return try PostgresStore(url: url, logger: PostgresTestDatabase.logger)
    }

    override func tearDown() async throws {
        if let schema, let postgres = store as? PostgresStore {
            await PostgresTestDatabase.drop(schema, using: postgres)
        }
        try await super.tearDown()
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
