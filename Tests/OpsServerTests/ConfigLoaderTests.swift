import OpsCore
import OpsServer
import XCTest

final class ConfigLoaderTests: XCTestCase {
    func testYAMLWithEnvironmentOverrides() throws {
        let yaml = """
            server: { host: 0.0.0.0, port: 9000, max_body_bytes: 1024 }
            storage: { url: "postgres://u:p@localhost:5432/db" }
            tracing: { durability: fast }
            models:
              - name: gpt
                provider: openai
                api_key: env:OPENAI_API_KEY
                upstream_model: gpt-4o-mini
                price: { input_per_mtok: 0.15, output_per_mtok: 0.6 }
                timeouts: { first_token_ms: 1500 }
            """
        let config = try ConfigLoader.load(yaml: yaml, environment: ["LLMOPS_SERVER_PORT": "9100", "LLMOPS_TRACING_DURABILITY": "strict",
                                                                     "LLMOPS_TRACING_JOURNAL": "false"])
        XCTAssertEqual(config.server.host, "0.0.0.0")
        XCTAssertEqual(config.server.port, 9100)
        XCTAssertEqual(config.server.maxBodyBytes, 1024)
        XCTAssertEqual(config.storage.url, "postgres://u:p@localhost:5432/db")
        XCTAssertEqual(config.tracing.durability, .strict)
        XCTAssertFalse(config.tracing.journal)
        XCTAssertTrue(try ConfigLoader.load(yaml: "tracing: { durability: strict }").tracing.journal, "on by default")
        XCTAssertEqual(config.models.first?.price, Price(inputPerMTok: 0.15, outputPerMTok: 0.6))
        XCTAssertEqual(config.models.first?.baseURL, "https://api.openai.com/v1")
        XCTAssertEqual(config.models.first?.timeouts.firstTokenMs, 1500)
        XCTAssertEqual(ConfigLoader.envName(["server", "max_body_bytes"]), "LLMOPS_SERVER_MAX_BODY_BYTES")
    }

    func testErrorsNameTheKey() {
        let cases: [(String, String)] = [
            ("server: { port: many }", "server.port"),
            ("storage: { url: mysql://x }", "storage.url"),
            ("tracing: { durability: sometimes }", "tracing.durability"),
            ("tracing: { journal: maybe }", "tracing.journal"),
            ("tracing: { linger_ms: -1 }", "tracing.linger_ms"),
            ("models: [ { provider: openai } ]", "models[0].name"),
            ("models: [ { name: a, provider: azure } ]", "models[0].provider"),
            ("models: [ { name: a }, { name: a } ]", "models"),
            ("serverr: {}", "serverr"),
        ]
        for (yaml, key) in cases {
            XCTAssertThrowsError(try ConfigLoader.load(yaml: yaml), yaml) { error in
                XCTAssertEqual((error as? ConfigError)?.key, key, yaml)
            }
        }
    }
}
