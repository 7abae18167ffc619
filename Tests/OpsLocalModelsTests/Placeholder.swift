import XCTest
final class OpsLocalModelsTestsPlaceholder: XCTestCase { func testNothing() {} }
