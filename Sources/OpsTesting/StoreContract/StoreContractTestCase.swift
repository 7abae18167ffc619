import Foundation
import OpsCore
import XCTest

/// The behaviour every `OpsStore` promises, written once and run against each implementation.
///
/// Subclass it in a test target, override `makeStore()` to return a fresh, empty, unmigrated store,
/// and forward one `test…` method to each `contract…` check. The checks are not named `test…`
/// themselves because Linux test discovery does not see test methods inherited from another module;
/// explicit forwarding also keeps each check a separate, named test in every backend's report.
open class StoreContractTestCase: XCTestCase {
    /// The store under test, migrated once in `setUp`.
    public private(set) var store: (any OpsStore)!
    /// What the first `migrate()` of the fresh store returned.
    public private(set) var firstMigration: [Int] = []

    /// A fresh, empty store that has not been migrated yet. Subclasses must override it.
    open func makeStore() async throws -> any OpsStore {
        throw XCTSkip("\(type(of: self)) does not override makeStore()")
    }

    open override func setUp() async throws {
        try await super.setUp()
        let store = try await makeStore()
        self.store = store
        firstMigration = try await store.migrate()
    }

    open override func tearDown() async throws {
        if let store { try await store.close() }
        store = nil
        try await super.tearDown()
    }

    // MARK: - Helpers

    /// All pages of `query`, following `nextCursor` until it is nil (at most 10,000 pages).
    public func allPages(_ query: TraceQuery, file: StaticString = #filePath,
                         line: UInt = #line) async throws -> [[Trace]] {
        var pages: [[Trace]] = []
        var query = query
        while pages.count < 10_000 {
            let page = try await store.listTraces(query)
            pages.append(page.traces)
            guard let next = page.nextCursor else { break }
            XCTAssertEqual(next, page.traces.last.map { TraceCursor(createdAtMicros: $0.createdAt.epochMicros, id: $0.id) },
                           "nextCursor must be the cursor of the page's last row", file: file, line: line)
            query.cursor = next
        }
        return pages
    }

    /// The ids `query` returns across all pages, in order.
    public func listedIDs(_ query: TraceQuery) async throws -> [String] {
        try await allPages(query).flatMap { $0.map(\.id) }
    }

    /// Asserts that `body` throws and returns the error.
    @discardableResult
    public func assertThrows(_ message: String, file: StaticString = #filePath, line: UInt = #line,
                             _ body: () async throws -> Void) async -> (any Error)? {
        do {
            try await body()
            XCTFail("expected an error: \(message)", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }
}
