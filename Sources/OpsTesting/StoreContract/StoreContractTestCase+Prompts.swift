import Foundation
import OpsCore
import XCTest

extension StoreContractTestCase {
    /// Versions are numbered per prompt and project, read back exactly, listed oldest first.
    public func contractPromptVersions() async throws {
        let chat = try PromptDraft(
            name: "support", body: .chat([.system("Réponds comme {{company}} 🚀\n\t\"quoted\""),
                                          ChatMessage(role: "user", content: .parts([["type": "text", "text": "{{q}}"]]))]),
            config: JSONObject([("temperature", 0.2), ("model", "gpt-4o-mini"), ("stop", ["\n"])]),
            author: "key_ada", commitMessage: "first ✓")
        let v1 = try await store.createVersion(chat, project: "alpha")
        let v2 = try await store.createVersion(try PromptDraft(name: "support", body: .text("Q: {{q}}"), author: "key_bob"),
                                               project: "alpha")
        let otherProject = try await store.createVersion(try PromptDraft(name: "support", body: .text("beta"), author: "b"),
                                                         project: "beta")
        XCTAssertEqual([v1.number, v2.number, otherProject.number], [1, 2, 1], "numbered per project and prompt")
        XCTAssertEqual(v1.body, chat.body)
        XCTAssertEqual(v1.config.keys, ["temperature", "model", "stop"], "config keeps its order")
        XCTAssertEqual(v1.commitMessage, "first ✓")

        let read1 = try await store.version(project: "alpha", name: "support", number: 1)
        XCTAssertEqual(read1, v1, "a version reads back exactly as it was returned")
        XCTAssertEqual(read1?.config.keys, ["temperature", "model", "stop"])
        let latest = try await store.latestVersion(project: "alpha", name: "support")
        XCTAssertEqual(latest, v2)
        let all = try await store.versions(project: "alpha", name: "support")
        XCTAssertEqual(all, [v1, v2])
        let missing = try await store.version(project: "alpha", name: "support", number: 3)
        XCTAssertNil(missing)
        let unknown = try await store.latestVersion(project: "alpha", name: "nope")
        XCTAssertNil(unknown)
        let betaLatest = try await store.latestVersion(project: "beta", name: "support")
        XCTAssertEqual(betaLatest?.body, .text("beta"), "one project never sees another's versions")

        _ = try await store.createVersion(try PromptDraft(name: "alpha-first", body: .text("x"), author: "a"), project: "alpha")
        let prompts = try await store.prompts(project: "alpha")
        XCTAssertEqual(prompts.map(\.name), ["alpha-first", "support"])
        XCTAssertEqual(prompts.map(\.latestVersion), [1, 2])
        let gamma = try await store.prompts(project: "gamma")
        XCTAssertEqual(gamma, [])
    }

    /// Labels point at one version; every move is recorded with its actor; rollback moves back.
    public func contractPromptLabels() async throws {
        for text in ["one", "two", "three"] {
            _ = try await store.createVersion(try PromptDraft(name: "qa", body: .text(text), author: "a"), project: "alpha")
        }
        _ = try await store.createVersion(try PromptDraft(name: "qa", body: .text("beta"), author: "b"), project: "beta")
        let created = try await store.moveLabel(project: "alpha", name: "qa", label: "production", to: 2, actor: "key_1")
        XCTAssertNil(created.from)
        XCTAssertEqual(created.to, 2)
        try await store.moveLabel(project: "alpha", name: "qa", label: "production", to: 3, actor: "key_2")
        let rollback = try await store.moveLabel(project: "alpha", name: "qa", label: "production", to: 2, actor: "key_1")
        XCTAssertEqual(rollback.from, 3)
        XCTAssertTrue(rollback.isRollback)
        try await store.moveLabel(project: "alpha", name: "qa", label: "staging", to: 3, actor: "key_2")

        let labels = try await store.labels(project: "alpha", name: "qa")
        XCTAssertEqual(labels.map(\.label), ["production", "staging"])
        XCTAssertEqual(labels.map(\.version), [2, 3])
        let production = try await store.resolve(try PromptReference(parsing: "qa@production"), project: "alpha")
        XCTAssertEqual(production.body, .text("two"))
        let prompts = try await store.prompts(project: "alpha")
        XCTAssertEqual(prompts.first?.labels, ["production": 2, "staging": 3])

        let moves = try await store.labelMoves(project: "alpha", name: "qa")
        XCTAssertEqual(moves.map(\.label), ["production", "production", "production", "staging"])
        XCTAssertEqual(moves.map(\.from), [nil, 2, 3, nil])
        XCTAssertEqual(moves.map(\.to), [2, 3, 2, 3])
        XCTAssertEqual(moves.map(\.actor), ["key_1", "key_2", "key_1", "key_2"])
        XCTAssertEqual(moves[2], rollback, "the returned move is the recorded one")

        let betaLabels = try await store.labels(project: "beta", name: "qa")
        XCTAssertEqual(betaLabels, [], "labels are per project")
        let betaMoves = try await store.labelMoves(project: "beta", name: "qa")
        XCTAssertEqual(betaMoves, [])
    }

    /// A move to a missing version or prompt, or with a bad label, fails and records nothing.
    public func contractPromptLabelErrors() async throws {
        _ = try await store.createVersion(try PromptDraft(name: "qa", body: .text("one"), author: "a"), project: "alpha")
        let cases: [(String, String, Int, String, OpsError.Kind, String)] = [
            ("alpha", "qa", 2, "production", .notFound, "Prompt 'qa' has no version 2 (latest is 1)"),
            ("alpha", "qa", 0, "production", .notFound, "Prompt 'qa' has no version 0 (latest is 1)"),
            ("alpha", "nope", 1, "production", .notFound, "No prompt named 'nope'"),
            ("beta", "qa", 1, "production", .notFound, "No prompt named 'qa'"),
            ("alpha", "qa", 1, "7", .invalidRequest, "The label '7' is all digits, which reads as a version number"),
            ("alpha", "qa", 1, "latest", .invalidRequest, "The label 'latest' is reserved: it always means the newest version"),
        ]
        for (project, name, version, label, kind, message) in cases {
            let error = await assertThrows("\(project)/\(name)@\(version) \(label)") {
                try await self.store.moveLabel(project: project, name: name, label: label, to: version, actor: "k")
            }
            XCTAssertEqual((error as? OpsError)?.kind, kind, "\(String(describing: error))")
            XCTAssertEqual((error as? OpsError)?.message, message)
        }
        let moves = try await store.labelMoves(project: "alpha", name: "qa")
        XCTAssertEqual(moves, [], "a failed move records nothing")
        let labels = try await store.labels(project: "alpha", name: "qa")
        XCTAssertEqual(labels, [])
        let missing = await assertThrows("a label that does not exist") {
            _ = try await self.store.resolve(try PromptReference(parsing: "qa@production"), project: "alpha")
        }
        XCTAssertEqual((missing as? OpsError)?.message, "Prompt 'qa' has no label 'production'")
    }

    /// Concurrent pushes to one prompt get consecutive, distinct numbers.
    public func contractConcurrentPromptPushes() async throws {
        let store = self.store!
        let numbers = try await withThrowingTaskGroup(of: Int.self) { group in
            for i in 0..<12 {
                group.addTask {
                    try await store.createVersion(try PromptDraft(name: "busy", body: .text("v\(i)"), author: "a"),
                                                  project: "alpha").number
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        XCTAssertEqual(numbers.sorted(), Array(1...12))
        let latest = try await store.latestVersion(project: "alpha", name: "busy")
        XCTAssertEqual(latest?.number, 12)
    }

    /// Traces can be listed by the stored prompt (and version) their call ran.
    public func contractTracesByPrompt() async throws {
        var traces: [Trace] = []
        for (i, (name, version)) in [("support", 1), ("support", 2), ("other", 2)].enumerated() {
            var trace = StoreFixtures.bareTrace(id: "trace-p\(i)", at: Double(i))
            trace.metadata = JSONObject([("prompt_name", .string(name)), ("prompt_version", .int(Int64(version)))])
            traces.append(trace)
        }
        var plain = StoreFixtures.bareTrace(id: "trace-plain", at: 5)
        plain.metadata = JSONObject([("prompt_name", 7)])
        var foreign = StoreFixtures.bareTrace(id: "trace-beta", project: "beta", at: 6)
        foreign.metadata = JSONObject([("prompt_name", "support"), ("prompt_version", 1)])
        try await store.insertTraces(traces + [plain, foreign])

        var query = TraceQuery(project: "alpha")
        query.promptName = "support"
        let byName = try await listedIDs(query)
        XCTAssertEqual(byName, ["trace-p1", "trace-p0"])
        query.promptVersion = 1
        let byVersion = try await listedIDs(query)
        XCTAssertEqual(byVersion, ["trace-p0"])
        query.promptVersion = 3
        let none = try await listedIDs(query)
        XCTAssertEqual(none, [])
    }
}
