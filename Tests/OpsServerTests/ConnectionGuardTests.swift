import OpsCore
import OpsServer
import XCTest

/// Connections that never finish a request are closed after the configured timeouts, a body
/// refused early closes its connection so a client still sending is not left hanging, and past
/// `max_connections` new connections are turned away while the held ones and the server go on.
final class ConnectionGuardTests: XCTestCase {
    private func start(_ configure: @escaping (inout ConnectionSettings) -> Void = { _ in }) async throws -> GatewayHarness {
        try await GatewayHarness.start { config in
            config.server.connections.headerTimeoutSeconds = 1
            config.server.connections.bodyTimeoutSeconds = 1
            config.server.connections.idleTimeoutSeconds = 2
            configure(&config.server.connections)
        }
    }

    func testASilentConnectionIsClosedAfterTheHeaderTimeout() async throws {
        let gw = try await start()
        addTeardownBlock { await gw.stop() }
        let silent = try RawClient(port: gw.port)
        XCTAssertNotNil(silent.readUntilClosed(limit: 10), "the server closed a connection that sent nothing")
        let trickle = try RawClient(port: gw.port)
        trickle.send("GET /health HTTP/1.1\r\nHost: x\r\n")
        XCTAssertNotNil(trickle.readUntilClosed(limit: 10), "and one whose head never ended")
        let health = try await gw.get("/health", key: nil)
        XCTAssertEqual(health.status, 200)
    }

    func testABodyThatNeverEndsIsClosedAfterTheBodyTimeout() async throws {
        let gw = try await start()
        addTeardownBlock { await gw.stop() }
        let client = try RawClient(port: gw.port)
        client.send("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(gw.developer)\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"model\":")
        XCTAssertNotNil(client.readUntilClosed(limit: 10), "the server closed a request whose body stopped coming")
    }

    func testAnOversizeBodyIsAnswered413AndTheConnectionClosed() async throws {
        let gw = try await GatewayHarness.start { $0.server.maxBodyBytes = 1_000 }
        addTeardownBlock { await gw.stop() }
        let client = try RawClient(port: gw.port)
        client.send("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(gw.developer)\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 10000000\r\n\r\n")
        client.send(String(repeating: "x", count: 50_000))
        let answer = try XCTUnwrap(client.readUntilClosed(limit: 10), "the connection was closed after the answer")
        XCTAssertTrue(answer.hasPrefix("HTTP/1.1 413"), answer)
        XCTAssertTrue(answer.lowercased().contains("connection: close"), answer)
        XCTAssertTrue(answer.contains("payload_too_large"), answer)
        let health = try await gw.get("/health", key: nil)
        XCTAssertEqual(health.status, 200)
    }

    func testConnectionsPastTheLimitAreTurnedAwayAndTheHeldOnesServed() async throws {
        let gw = try await start { $0.maxConnections = 4; $0.headerTimeoutSeconds = 30; $0.idleTimeoutSeconds = 30 }
        addTeardownBlock { await gw.stop() }
        let held = try (0..<3).map { _ in try RawClient(port: gw.port) }
        held[0].send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        let late: [RawClient] = [try RawClient(port: gw.port), try RawClient(port: gw.port)]
        // One of the last two got the fourth place; the other was closed as soon as it opened.
        let closed = late.filter { client in client.readUntilClosed(limit: 1.5) != nil }
        XCTAssertEqual(closed.count, 1, "exactly one connection past the limit was refused")
        held[1].send("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        let answer = try XCTUnwrap(held[1].readUntilClosed(limit: 10))
        XCTAssertTrue(answer.hasPrefix("HTTP/1.1 200"), answer)
    }
}
