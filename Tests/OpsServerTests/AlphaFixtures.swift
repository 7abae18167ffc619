@testable import OpsServer
import OpsCore
import XCTest

/// One of every object of project alpha, made through the API, with unique names; fills the path
/// parameters of any catalog route with them. `markers` are strings only alpha's data contains.
struct AlphaFixtures {
    let trace: String
    let user: String
    let content: String
    let prompt: String
    let dataset: String
    let datasetHash: String
    let run: String
    let definition: String
    let queue: String
    let revocableKey: String
    let rotatableKey: String
    let adminKeyID: String

    static func make(_ gw: GatewayHarness) async throws -> AlphaFixtures {
        let tag = Identifier.hex(bytes: 5)
        let user = "matrix-user-\(tag)", content = "matrix-content-\(tag)"
        let chat = try await gw.post("/v1/chat/completions", GatewayHarness.chat(content, extra: [("user", .string(user))]),
                                     key: gw.developer)
        XCTAssertEqual(chat.status, 200, chat.text)
        let trace = try XCTUnwrap(chat.header("x-llmops-trace-id"))
        let prompt = "matrix-prompt-\(tag)", dataset = "matrix-dataset-\(tag)", definition = "matrix-score-\(tag)"
        let pushed = try await gw.post("/api/prompts", ["name": .string(prompt), "text": "{{question}}",
                                                        "config": ["model": "mock-model"], "labels": ["production"]],
                                       key: gw.developer)
        XCTAssertEqual(pushed.status, 201, pushed.text)
        let imported = try await gw.sendRaw(.POST, "/api/datasets/\(dataset)?format=jsonl", key: gw.developer,
                                            body: "{\"input\": {\"question\": \"a\"}}\n{\"input\": {\"question\": \"b\"}}\n")
        XCTAssertEqual(imported.status, 201, imported.text)
        let run = try await gw.post("/api/experiments", Self.plan(dataset: dataset, prompt: prompt), key: gw.developer)
        XCTAssertEqual(run.status, 201, run.text)
        let defined = try await gw.post("/api/score-definitions", ["name": .string(definition), "kind": "boolean"], key: gw.developer)
        XCTAssertEqual(defined.status, 201, defined.text)
        let queue = try await gw.post("/api/queues", ["name": "matrix", "score_definitions": [.string(definition)],
                                                      "trace_ids": [.string(trace)]], key: gw.developer)
        XCTAssertEqual(queue.status, 201, queue.text)
        var spare: [String] = []
        for name in ["revocable", "rotatable"] {
            let key = try await gw.post("/api/keys", ["role": "viewer", "name": .string("matrix-\(name)-\(tag)")], key: gw.admin)
            XCTAssertEqual(key.status, 201, key.text)
            spare.append(try XCTUnwrap(key.json["id"]?.stringValue))
        }
        return AlphaFixtures(trace: trace, user: user, content: content, prompt: prompt, dataset: dataset,
                             datasetHash: try XCTUnwrap(imported.json["hash"]?.stringValue),
                             run: try XCTUnwrap(run.json["id"]?.stringValue), definition: definition,
                             queue: try XCTUnwrap(queue.json["id"]?.stringValue), revocableKey: spare[0], rotatableKey: spare[1],
                             adminKeyID: try await gw.keyID(named: "admin"))
    }

    static func plan(dataset: String, prompt: String) -> JSONValue {
        ["dataset": .string(dataset), "target": ["type": "prompt", "prompt": .string(prompt), "version": 1], "metrics": ["exact"]]
    }

    /// Strings that appear only in alpha's data.
    var markers: [String] {
        [trace, user, content, prompt, dataset, String(datasetHash.prefix(12)), run, definition, queue, revocableKey,
         rotatableKey, adminKeyID]
    }

    /// The value of path parameter `name` of `route`: the alpha object of the route's resource.
    func value(of name: String, in route: APIRoute) -> String {
        let resource = route.path.split(separator: "/").dropFirst().first.map(String.init) ?? ""
        switch (resource, name) {
        case ("traces", _): return trace
        case ("keys", _): return route.path.hasSuffix("rotate") ? rotatableKey : revocableKey
        case ("prompts", "label"): return "production"
        case ("prompts", _): return prompt
        case ("datasets", _): return dataset
        case ("experiments", _): return run
        case ("queues", "item"): return "0"
        case ("queues", _): return queue
        case ("users", _): return user
        case ("models", _): return "mock-model"
        default: return "unknown-\(name)"
        }
    }

    /// `route`'s path with its parameters filled from alpha.
    func path(of route: APIRoute) -> String {
        route.path.split(separator: "/", omittingEmptySubsequences: false).map { part -> String in
            if part.hasPrefix(":") { return value(of: String(part.dropFirst()), in: route) }
            if part == "**" { return value(of: route.operation.catchAll ?? "path", in: route) }
            return String(part)
        }.joined(separator: "/")
    }
}
