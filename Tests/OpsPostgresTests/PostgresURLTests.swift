import OpsPostgres
import XCTest

/// Storage URLs: the good ones parse, each bad one names its bad part and never prints the password.
final class PostgresURLTests: XCTestCase {
    func testFullURL() throws {
        let url = try PostgresURL("postgres://llmops:s%40cret@db.internal:6543/traces?schema=ops&sslmode=disable")
        XCTAssertEqual(url.host, "db.internal")
        XCTAssertEqual(url.port, 6543)
        XCTAssertEqual(url.username, "llmops")
        XCTAssertEqual(url.password, "s@cret")
        XCTAssertEqual(url.database, "traces")
        XCTAssertEqual(url.schema, "ops")
        XCTAssertEqual(url.tls, .disable)
    }

    func testDefaults() throws {
        let url = try PostgresURL("postgresql://me@localhost/db")
        XCTAssertEqual(url.port, 5432)
        XCTAssertNil(url.password)
        XCTAssertNil(url.schema)
        XCTAssertEqual(url.tls, .prefer)
        let ipv6 = try PostgresURL("postgres://me:pw@[::1]:5433/db?sslmode=verify-full")
        XCTAssertEqual(ipv6.host, "::1")
        XCTAssertEqual(ipv6.port, 5433)
        XCTAssertEqual(ipv6.tls, .verifyFull)
    }

    func testEachBadPartIsNamed() {
        let cases: [(String, String)] = [
            ("localhost:5432/db", "expected postgres://user:password@host:port/database"),
            ("mysql://u:p@h/db", "the scheme 'mysql' is not postgres or postgresql"),
            ("postgres://h:5432/db", "the user name is missing"),
            ("postgres://:pw@h/db", "the user name is empty"),
            ("postgres://u:pw@h:5432", "the database name is missing"),
            ("postgres://u:pw@h:5432/", "the database name is empty"),
            ("postgres://u:pw@:5432/db", "the host is missing"),
            ("postgres://u:pw@h:abc/db", "the port 'abc' is not a number between 1 and 65535"),
            ("postgres://u:pw@h:70000/db", "the port '70000' is not a number"),
            ("postgres://u:pw@h/db?schema=Bad-Name", "the schema 'Bad-Name' must be lower-case"),
            ("postgres://u:pw@h/db?sslmode=maybe", "sslmode 'maybe' is not disable, prefer, require or verify-full"),
            ("postgres://u:pw@h/db?pool=3", "unknown parameter 'pool'"),
        ]
        for (text, expected) in cases {
            XCTAssertThrowsError(try PostgresURL(text), text) { error in
                let message = "\(error)"
                XCTAssertTrue(message.contains(expected), "\(text): \(message)")
                XCTAssertFalse(message.contains(":pw@"), "the password is redacted: \(message)")
                XCTAssertEqual((error as? PostgresStoreError)?.kind, .invalidURL)
            }
        }
    }

    func testRedaction() {
        XCTAssertEqual(PostgresURL.redacted("postgres://u:secret@h/db"), "postgres://u:***@h/db")
        XCTAssertEqual(PostgresURL.redacted("postgres://u@h/db"), "postgres://u@h/db")
    }

    func testStoreInitRejectsABadURL() {
        XCTAssertThrowsError(try PostgresStore(url: "postgres://u:pw@h:port/db")) { error in
            XCTAssertTrue("\(error)".contains("the port 'port'"), "\(error)")
        }
    }
}

extension PostgresURLTests {
    func testDescriptionHidesThePassword() throws {
        let url = try PostgresURL("postgres://me:secret@[::1]:5433/db?schema=ops&sslmode=require")
        XCTAssertEqual("\(url)", "postgres://me:***@[::1]:5433/db?schema=ops&sslmode=require")
        XCTAssertEqual("\(try PostgresURL("postgres://me@h/db"))", "postgres://me@h:5432/db")
    }
}
