import XCTest

@testable import OpsProviders

/// Upstream base URLs are parsed once into what a connection and a request head need.
final class UpstreamURLTests: XCTestCase {
    func testPlainHTTPWithPortAndPath() {
        let url = UpstreamURL("http://127.0.0.1:8000/v1/chat/completions")
        XCTAssertTrue(url.isPlainHTTP)
        XCTAssertEqual(url.host, "127.0.0.1")
        XCTAssertEqual(url.port, 8000)
        XCTAssertEqual(url.target, "/v1/chat/completions")
        XCTAssertEqual(url.hostHeader, "127.0.0.1:8000")
        XCTAssertEqual(url.connectionKey, "127.0.0.1:8000")
    }

    func testDefaultPortsAreLeftOutOfTheHostHeader() {
        let plain = UpstreamURL("HTTP://ollama.internal/v1/embeddings")
        XCTAssertTrue(plain.isPlainHTTP)
        XCTAssertEqual(plain.port, 80)
        XCTAssertEqual(plain.hostHeader, "ollama.internal")
        let tls = UpstreamURL("https://api.openai.com/v1/chat/completions")
        XCTAssertFalse(tls.isPlainHTTP)
        XCTAssertEqual(tls.port, 443)
        XCTAssertEqual(tls.hostHeader, "api.openai.com")
    }

    func testIPv6LiteralQueryAndMissingPath() {
        let v6 = UpstreamURL("http://[::1]:9000/v1?api-version=2")
        XCTAssertEqual(v6.host, "::1")
        XCTAssertEqual(v6.port, 9000)
        XCTAssertEqual(v6.hostHeader, "[::1]:9000")
        XCTAssertEqual(v6.target, "/v1?api-version=2")
        XCTAssertEqual(UpstreamURL("http://localhost:8080").target, "/")
        XCTAssertEqual(UpstreamURL("http://localhost:8080?x=1").target, "/?x=1")
    }

    func testUserInfoIsNotPartOfTheHost() {
        let url = UpstreamURL("http://user:secret@10.0.0.5:8080/v1")
        XCTAssertEqual(url.host, "10.0.0.5")
        XCTAssertEqual(url.port, 8080)
    }
}
