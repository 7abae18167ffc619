import XCTest
final class OpsEvalTestsPlaceholder: XCTestCase { func testNothing() {} }
