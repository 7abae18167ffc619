import OpsCore
import XCTest

/// References, drafts and the diff between versions.
final class PromptRegistryTests: XCTestCase {
    func testParsesReferences() throws {
        XCTAssertEqual(try PromptReference(parsing: "support"), PromptReference(name: "support"))
        XCTAssertEqual(try PromptReference(parsing: "support@production").selector, .label("production"))
        XCTAssertEqual(try PromptReference(parsing: "support.v2@3").selector, .version(3))
        XCTAssertEqual(try PromptReference(parsing: "support@latest").selector, .latest)
        XCTAssertEqual(try PromptReference(parsing: "support@3").description, "support@3")
        for (text, fragment) in [("", "empty"), ("@prod", "no prompt name"), ("a@", "ends with '@'"),
                                 ("a@b@c", "more than one"), ("a@0", "numbered from 1"),
                                 ("a b", "contains ' '"), ("a@pr/od", "contains '/'")] {
            XCTAssertThrowsError(try PromptReference(parsing: text), text) { error in
                XCTAssertTrue((error as? OpsError)?.message.contains(fragment) ?? false, "\(text): \(error)")
            }
        }
    }

    func testDraftFromJSON() throws {
        let json = try JSONParser.parse(#"{"name":"qa","messages":[{"role":"user","content":"{{q}}"}],"#
                                        + #""config":{"model":"gpt-4o","temperature":0.2},"commit_message":"first"}"#)
        let draft = try PromptDraft(json: json, author: "ada")
        XCTAssertEqual(draft.body.kind, .chat)
        XCTAssertEqual(draft.config["model"], "gpt-4o")
        XCTAssertThrowsError(try PromptDraft(json: ["name": "qa", "prompt": "{{#x}}"], author: "ada")) { error in
            XCTAssertEqual((error as? OpsError)?.param, "text")
        }
        XCTAssertEqual(try PromptDraft(json: ["name": "qa", "text": "Q: {{q}}"], author: "ada").body, .text("Q: {{q}}"))
        XCTAssertThrowsError(try PromptDraft(json: ["name": "qa", "type": "text"], author: "ada")) { error in
            XCTAssertEqual((error as? OpsError)?.param, "text")
            XCTAssertEqual((error as? OpsError)?.message, "text is required")
        }
        XCTAssertThrowsError(try PromptDraft(json: ["name": "qa", "promt": "x"], author: "ada")) { error in
            XCTAssertEqual((error as? OpsError)?.param, "promt")
        }
    }

    func testUnifiedDiffAndConfigChanges() {
        let old = (1...10).map { "line \($0)" }.joined(separator: "\n")
        var lines = (1...10).map { "line \($0)" }
        lines[1] = "line two"
        lines.append("line 11")
        let diff = PromptDiff(oldText: old, newText: lines.joined(separator: "\n"),
                              oldConfig: JSONObject([("model", "a"), ("temperature", 0.2)]),
                              newConfig: JSONObject([("model", "b"), ("max_tokens", 5)]),
                              oldLabel: "qa@1", newLabel: "qa@2")
        XCTAssertEqual(diff.unified(), """
            --- qa@1
            +++ qa@2
            @@ -1,5 +1,5 @@
             line 1
            -line 2
            +line two
             line 3
             line 4
             line 5
            @@ -8,3 +8,4 @@
             line 8
             line 9
             line 10
            +line 11
            config:
              model: "a" -> "b"
              temperature: 0.2 -> (unset)
              max_tokens: (unset) -> 5

            """)
        XCTAssertEqual(diff.configChanges.map { $0.key }, ["model", "temperature", "max_tokens"])
        XCTAssertTrue(PromptDiff(oldText: "same", newText: "same").isEmpty)
        XCTAssertEqual(PromptDiff(oldText: "a\r\nb", newText: "a\nc").unified(), "--- a\n+++ b\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n")
        XCTAssertEqual(PromptDiff(oldText: "", newText: "new").unified(), "--- a\n+++ b\n@@ -0,0 +1,1 @@\n+new\n")
    }
}
