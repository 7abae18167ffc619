import OpsCore
@testable import OpsGateway
import XCTest

final class ExactCacheKeyTests: XCTestCase {
    private let base = ChatRequest(model: "chat", messages: [.system("be brief"), .user("hi")], temperature: 0.2, maxTokens: 50,
                                   tools: [["type": "function", "function": ["name": "f", "parameters": ["type": "object"]]]])

    private func key(_ request: ChatRequest, project: String = "p1") -> ExactCacheKey { ExactCacheKey(project: project, request: request) }

    func testMetadataAndStreamDoNotChangeTheKey() {
        var other = base
        other.metadata = JSONObject([("trace", "x")])
        other.stream = true
        other.includeUsageInStream = true
        XCTAssertEqual(key(other), key(base))
    }

    /// One end user's answer is never another's: a named user gets a key of its own, and an empty
    /// `user` counts as none.
    func testUserChangesTheKeyAndIsKept() {
        var u = base
        u.user = "user-u"
        var v = base
        v.user = "user-v"
        var empty = base
        empty.user = ""
        XCTAssertNotEqual(key(u), key(base))
        XCTAssertNotEqual(key(u), key(v))
        XCTAssertEqual(key(empty), key(base))
        XCTAssertEqual(key(u).user, "user-u")
        XCTAssertNil(key(base).user)
        XCTAssertEqual(key(u), key(u))
    }

    func testEveryAnswerChangingFieldChangesTheKey() {
        let variations: [(inout ChatRequest) -> Void] = [
            { $0.model = "other" },
            { $0.messages.append(.user("more")) },
            { $0.messages[1] = .user("hi!") },
            { $0.messages[0] = ChatMessage(role: "developer", content: .text("be brief")) },
            { $0.temperature = 0.3 },
            { $0.temperature = nil },
            { $0.topP = 0.9 },
            { $0.maxTokens = 51 },
            { $0.stop = ["\n"] },
            { $0.seed = 1 },
            { $0.n = 2 },
            { $0.tools = nil },
            { $0.toolChoice = "auto" },
            { $0.extra["response_format"] = ["type": "json_object"] },
        ]
        var keys: Set<ExactCacheKey> = [key(base)]
        for vary in variations {
            var changed = base
            vary(&changed)
            XCTAssertTrue(keys.insert(key(changed)).inserted, "\(changed)")
        }
    }

    func testProjectsNeverShareKeys() {
        XCTAssertNotEqual(key(base, project: "p1"), key(base, project: "p2"))
    }

    func testObjectKeyOrderAndIntegerSpellingDoNotMatter() {
        var reordered = base
        reordered.tools = [["function": ["parameters": ["type": "object"], "name": "f"], "type": "function"]]
        XCTAssertEqual(key(reordered), key(base))
        var a = base, b = base
        a.extra["response_format"] = ["n": .int(1)]
        b.extra["response_format"] = ["n": .double(1)]
        XCTAssertEqual(key(a), key(b))
    }

    func testTextContentDiffersFromTheSameTextInParts() {
        var parts = base
        parts.messages[1] = ChatMessage(role: "user", content: .parts([["type": "text", "text": "hi"]]))
        XCTAssertNotEqual(key(parts), key(base))
    }
}
