import OpsSQLite
import XCTest

/// `sqlite://` storage URLs name a file path.
final class SQLiteStoreURLTests: XCTestCase {
    func testStorageURLs() throws {
        XCTAssertEqual(try SQLiteStore.path(fromURL: "sqlite://./llmops-data/llmops.sqlite"), "./llmops-data/llmops.sqlite")
        XCTAssertEqual(try SQLiteStore.path(fromURL: "sqlite:///var/lib/llmops/db.sqlite"), "/var/lib/llmops/db.sqlite")
        XCTAssertEqual(try SQLiteStore.path(fromURL: "data/db.sqlite"), "data/db.sqlite")
        XCTAssertThrowsError(try SQLiteStore.path(fromURL: "sqlite://")) { error in
            XCTAssertTrue("\(error)".contains("names no file"), "\(error)")
        }
        XCTAssertThrowsError(try SQLiteStore.path(fromURL: "postgres://u@h/db")) { error in
            XCTAssertTrue("\(error)".contains("is not a sqlite:// URL"), "\(error)")
        }
    }
}
