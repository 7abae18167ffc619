import OpsCore
import XCTest

/// `/api/datasets`: atomic JSONL and CSV imports, versions by content hash, exports that import
/// back, items from traces; bad lines named; one project never sees another's datasets.
final class DatasetsAPITests: XCTestCase {
    static let jsonl = """
        {"input": {"question": "2+2?"}, "expected_output": "4", "metadata": {"topic": "math"}}
        {"input": {"question": "Capital of France?"}, "expected_output": "Paris"}

        {"input": {"messages": [{"role": "user", "content": "Grüß dich 👋"}]}}
        """

    func testImportReadExportAndVersions() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        try await Self.importReadExportAndVersions(gw)
    }

    /// Also run on PostgreSQL by `PostgresRegistryTests`.
    static func importReadExportAndVersions(_ gw: GatewayHarness) async throws {
        let imported = try await gw.sendRaw(.POST, "/api/datasets/qa", key: gw.developer, body: Self.jsonl,
                                            contentType: "application/jsonl")
        XCTAssertEqual(imported.status, 201, imported.text)
        XCTAssertEqual(imported.json["item_count"], 3)
        XCTAssertEqual(imported.json["created"], true)
        let hash1 = try XCTUnwrap(imported.json["hash"]?.stringValue)
        XCTAssertEqual(hash1.count, 64)
        let items = try DatasetImporter.parseJSONL(Self.jsonl)
        XCTAssertEqual(hash1, DatasetVersion.contentHash(of: items), "the version is the hash of the content")

        let again = try await gw.sendRaw(.POST, "/api/datasets/qa?format=jsonl", key: gw.developer, body: Self.jsonl)
        XCTAssertEqual(again.status, 200, "the same content is the same version")
        XCTAssertEqual(again.json["hash"]?.stringValue, hash1)
        XCTAssertEqual(again.json["created"], false)

        let csv = "var.question,expected_output,metadata.topic\r\n\"Capital of Italy, please?\",Rome,geo\r\n2+3?,5,\r\n"
        let second = try await gw.sendRaw(.POST, "/api/datasets/qa?message=from%20csv", key: gw.developer, body: csv,
                                          contentType: "text/csv")
        XCTAssertEqual(second.status, 201, second.text)
        XCTAssertEqual(second.json["message"], "from csv")
        let hash2 = try XCTUnwrap(second.json["hash"]?.stringValue)

        let latest = try await gw.get("/api/datasets/qa", key: gw.viewer)
        XCTAssertEqual(latest.json["hash"]?.stringValue, hash2)
        XCTAssertEqual(latest.json["items"]?.arrayValue?[0]["input"], ["question": "Capital of Italy, please?"])
        XCTAssertEqual(latest.json["items"]?.arrayValue?[1]["metadata"], nil, "an empty metadata cell sets nothing")
        let old = try await gw.get("/api/datasets/qa@\(hash1.prefix(8))", key: gw.viewer)
        XCTAssertEqual(old.status, 200, old.text)
        XCTAssertEqual(old.json["items"]?.arrayValue, items.map(\.json), "old versions stay readable")

        let versions = try await gw.get("/api/datasets/qa/versions", key: gw.viewer)
        XCTAssertEqual(versions.json["data"]?.arrayValue?.map { $0["hash"]?.stringValue }, [hash1, hash2])
        let list = try await gw.get("/api/datasets", key: gw.viewer)
        XCTAssertEqual(list.json["data"]?.arrayValue?[0]["dataset"], "qa")
        XCTAssertEqual(list.json["data"]?.arrayValue?[0]["item_count"], 2)

        let exported = try await gw.get("/api/datasets/qa@\(hash1.prefix(12))/export", key: gw.viewer)
        XCTAssertEqual(exported.status, 200)
        XCTAssertEqual(exported.header("content-type"), "application/jsonl")
        XCTAssertEqual(exported.header("x-llmops-dataset-version"), hash1)
        XCTAssertEqual(try DatasetImporter.parseJSONL(exported.text), items, "JSONL export is lossless")
        let exportedCSV = try await gw.get("/api/datasets/qa/export?format=csv", key: gw.viewer)
        XCTAssertEqual(exportedCSV.text, "var.question,expected_output,metadata.topic\r\n"
                       + "\"Capital of Italy, please?\",Rome,geo\r\n2+3?,5,\r\n")
        let reimported = try await gw.sendRaw(.POST, "/api/datasets/qa-copy", key: gw.developer, body: exportedCSV.text,
                                              contentType: "text/csv; charset=utf-8")
        XCTAssertEqual(reimported.json["hash"]?.stringValue, hash2, "a CSV export imports back to the same version")
    }

    func testBadFilesAreRejectedWholeNamingLineAndField() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let badJSON = "{\"input\": \"a\"}\n{\"input\": \"b\", \"expected\": \"B\"}\n"
        assertAPIError(try await gw.sendRaw(.POST, "/api/datasets/qa?format=jsonl", key: gw.developer, body: badJSON),
                       status: 400, param: "expected", code: "invalid_dataset", messageContains: "line 2, field expected")
        let notJSON = "{\"input\": \"a\"}\n\n{\"input\": oops}\n"
        assertAPIError(try await gw.sendRaw(.POST, "/api/datasets/qa?format=jsonl", key: gw.developer, body: notJSON),
                       status: 400, param: "line 3", code: "invalid_dataset", messageContains: "line 3: not valid JSON")
        let noInput = "{\"input\": \"a\"}\n{\"expected_output\": \"x\"}\n"
        assertAPIError(try await gw.sendRaw(.POST, "/api/datasets/qa?format=jsonl", key: gw.developer, body: noInput),
                       status: 400, param: "input", messageContains: "line 2, field input: input is required")
        let badCSV = "input,expected_output\na,b\nc,d,e\n"
        assertAPIError(try await gw.sendRaw(.POST, "/api/datasets/qa", key: gw.developer, body: badCSV, contentType: "text/csv"),
                       status: 400, param: "line 3", messageContains: "line 3: 3 fields, but the header has 2")
        let badColumn = "question,answer\na,b\n"
        assertAPIError(try await gw.sendRaw(.POST, "/api/datasets/qa?format=csv", key: gw.developer, body: badColumn),
                       status: 400, param: "question", messageContains: "unknown column 'question'")
        assertAPIError(try await gw.sendRaw(.POST, "/api/datasets/qa", key: gw.developer, body: "{\"input\": \"a\"}",
                                            contentType: "application/octet-stream"),
                       status: 400, param: "format", messageContains: "got 'application/octet-stream'")
        assertAPIError(try await gw.sendRaw(.POST, "/api/datasets/qa?format=xml", key: gw.developer, body: "x"),
                       status: 400, param: "format", messageContains: "format must be jsonl or csv, got 'xml'")
        assertAPIError(try await gw.sendRaw(.POST, "/api/datasets/qa?format=jsonl", key: gw.developer, body: "\n\n"),
                       status: 400, param: "body", messageContains: "no items")
        assertAPIError(try await gw.sendRaw(.POST, "/api/datasets/bad%20name?format=jsonl", key: gw.developer, body: "{}"),
                       status: 400, param: "dataset", messageContains: "The dataset name 'bad%20name' contains '%'")
        let viewer = try await gw.sendRaw(.POST, "/api/datasets/qa?format=jsonl", key: gw.viewer, body: "{\"input\": \"a\"}")
        XCTAssertEqual(viewer.status, 403)

        let list = try await gw.get("/api/datasets", key: gw.viewer)
        XCTAssertEqual(list.json["data"], [], "nothing was half-imported")
        assertAPIError(try await gw.get("/api/datasets/qa/versions", key: gw.viewer), status: 404, param: "dataset",
                       code: "dataset_not_found", messageContains: "No dataset named 'qa'")

        _ = try await gw.sendRaw(.POST, "/api/datasets/qa?format=jsonl", key: gw.developer, body: "{\"input\": \"a\"}")
        assertAPIError(try await gw.get("/api/datasets/qa@abc", key: gw.viewer), status: 400, param: "dataset",
                       messageContains: "6 to 64 hex digits")
        assertAPIError(try await gw.get("/api/datasets/qa@zzzzzz", key: gw.viewer), status: 400, param: "dataset",
                       messageContains: "not hexadecimal")
        assertAPIError(try await gw.get("/api/datasets/nope", key: gw.viewer), status: 404, param: "dataset",
                       code: "dataset_not_found", messageContains: "No dataset version 'nope'")
        assertAPIError(try await gw.get("/api/datasets/qa/export?format=parquet", key: gw.viewer), status: 400,
                       param: "format", messageContains: "got 'parquet'")
    }

    func testItemsFromTracesAndIsolation() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        _ = try await gw.sendRaw(.POST, "/api/datasets/qa?format=jsonl", key: gw.developer,
                                 body: "{\"input\": \"seed\", \"expected_output\": \"x\"}\n")
        for text in ["first question", "second question"] {
            let reply = try await gw.post("/v1/chat/completions", GatewayHarness.chat(text), key: gw.developer)
            XCTAssertEqual(reply.status, 200)
        }
        let ids = try await gw.traces(key: gw.viewer).compactMap { $0["id"]?.stringValue }
        XCTAssertEqual(ids.count, 2)
        let added = try await gw.post("/api/datasets/qa/traces", ["trace_ids": .array(ids.reversed().map { .string($0) })],
                                      key: gw.developer)
        XCTAssertEqual(added.status, 201, added.text)
        XCTAssertEqual(added.json["item_count"], 3)
        XCTAssertEqual(added.json["message"], "added 2 items from traces")
        let items = try await gw.get("/api/datasets/qa", key: gw.viewer).json["items"]?.arrayValue ?? []
        XCTAssertEqual(items.first?["input"], "seed", "the new version starts from the newest one")
        XCTAssertEqual(items[1]["input"]?["messages"]?.arrayValue?[0]["content"], "first question")
        XCTAssertEqual(items[1]["expected_output"], "echo: first question")
        XCTAssertEqual(items[1]["metadata"]?["trace_id"]?.stringValue, ids.last)
        XCTAssertEqual(items[2]["metadata"]?["model"], "mock-model")
        let versions = try await gw.get("/api/datasets/qa/versions", key: gw.viewer)
        XCTAssertEqual(versions.json["data"]?.arrayValue?.count, 2, "the first version stays")

        let fresh = try await gw.post("/api/datasets/from-traces/traces", ["trace_ids": [.string(ids[0])]], key: gw.developer)
        XCTAssertEqual(fresh.json["item_count"], 1, "a new dataset can start from traces")

        assertAPIError(try await gw.post("/api/datasets/qa/traces", ["trace_ids": [.string(ids[0]), "missing"]], key: gw.developer),
                       status: 404, param: "trace_ids[1]", code: "trace_not_found", messageContains: "No trace 'missing'")
        assertAPIError(try await gw.post("/api/datasets/qa/traces", ["trace_ids": []], key: gw.developer),
                       status: 400, param: "trace_ids", messageContains: "non-empty list")
        assertAPIError(try await gw.post("/api/datasets/qa/traces", ["trace_ids": [7]], key: gw.developer),
                       status: 400, param: "trace_ids[0]", messageContains: "must be a string")
        assertAPIError(try await gw.post("/api/datasets/qa/traces", ["trace_ids": [.string(ids[0])]], key: gw.otherProject),
                       status: 404, param: "trace_ids[0]", messageContains: "in project 'beta'")
        let afterErrors = try await gw.get("/api/datasets/qa/versions", key: gw.viewer)
        XCTAssertEqual(afterErrors.json["data"]?.arrayValue?.count, 2, "failed additions stored nothing")

        let foreign = try await gw.get("/api/datasets/qa", key: gw.otherProject)
        XCTAssertEqual(foreign.status, 404)
        let foreignList = try await gw.get("/api/datasets", key: gw.otherProject)
        XCTAssertEqual(foreignList.json["data"], [])
        let foreignExport = try await gw.get("/api/datasets/qa/export", key: gw.otherProject)
        XCTAssertEqual(foreignExport.status, 404)
    }
}
