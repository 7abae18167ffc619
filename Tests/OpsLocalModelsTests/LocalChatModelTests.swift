import XCTest
import OpsCore
@testable import OpsLocalModels

/// Behaviour of the chat model as the gateway sees it. Few tokens each: these run in debug builds.
final class LocalChatModelTests: XCTestCase {
    private func request(_ text: String, maxTokens: Int? = 6, temperature: Double? = 0, seed: Int? = nil,
                         stop: [String] = [], stream: Bool = false) -> ChatRequest {
        ChatRequest(model: "local/smollm2-135m-instruct", messages: [.user(text)], stream: stream,
                    includeUsageInStream: true, temperature: temperature, maxTokens: maxTokens, stop: stop, seed: seed)
    }

    func testCompleteCountsRealTokensAndStopsAtMaxTokens() async throws {
        let model = try TestSupport.chatModel()
        let response = try await model.complete(request("What is the capital of France?"))
        let usage = try XCTUnwrap(response.usage)
        XCTAssertEqual(usage.promptTokens, try model.promptTokens(for: request("What is the capital of France?")).count)
        XCTAssertEqual(usage.completionTokens, 6)
        XCTAssertEqual(response.choices.first?.finishReason, "length")
        XCTAssertFalse(response.choices.first?.message.text.isEmpty ?? true)
    }

    func testStreamingYieldsTheSameTextAsCompleteThenUsage() async throws {
        let model = try TestSupport.chatModel()
        let whole = try await model.complete(request("Name a colour."))
        var text = "", finish: String?, usage: Usage?, roles: [String] = []
        for try await chunk in try await model.stream(request("Name a colour.", stream: true)) {
            if let u = chunk.usage { usage = u }
            for choice in chunk.choices {
                if let r = choice.delta.role { roles.append(r) }
                text += choice.delta.content ?? ""
                finish = choice.finishReason ?? finish
            }
        }
        XCTAssertEqual(roles, ["assistant"])
        XCTAssertEqual(text, whole.choices.first?.message.text)
        XCTAssertEqual(finish, whole.choices.first?.finishReason)
        XCTAssertEqual(usage, whole.usage)
    }

    func testStopSequenceEndsTheCompletionWithoutIncludingIt() async throws {
        let model = try TestSupport.chatModel()
        let free = try await model.completeText("1, 2, 3, 4,", maxTokens: 8)
        let stop = try XCTUnwrap(free.text.split(separator: ",").dropFirst().first.map { String($0) })
        let stopped = try await model.completeText("1, 2, 3, 4,", maxTokens: 8, stop: [stop])
        XCTAssertEqual(stopped.finishReason, "stop")
        XCTAssertFalse(stopped.text.contains(stop))
        XCTAssertTrue(free.text.hasPrefix(stopped.text))
    }

    func testSeededSamplingIsReproducible() async throws {
        let model = try TestSupport.chatModel()
        let sampled = request("Tell me a story.", maxTokens: 5, temperature: 1.2, seed: 7)
        let a = try await model.complete(sampled), b = try await model.complete(sampled)
        XCTAssertEqual(a.choices.first?.message.text, b.choices.first?.message.text)
    }

    func testConcurrentRequestsDoNotDisturbEachOther() async throws {
        let model = try TestSupport.chatModel()
        let prompts = ["Say hi.", "What is 2 + 2?", "Name a fruit."]
        var expected: [String] = []
        for p in prompts { expected.append(try await model.complete(request(p, maxTokens: 4)).choices[0].message.text) }
        let got = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for (i, p) in prompts.enumerated() {
                group.addTask { (i, try await model.complete(self.request(p, maxTokens: 4)).choices[0].message.text) }
            }
            var out = [String](repeating: "", count: prompts.count)
            for try await (i, text) in group { out[i] = text }
            return out
        }
        XCTAssertEqual(got, expected)
    }

    func testBadRequestsAreClientErrors() async throws {
        let model = try TestSupport.chatModel()
        let long = String(repeating: "word ", count: 2100)
        do {
            _ = try await model.complete(request(long))
            XCTFail("expected promptTooLong")
        } catch let error as LocalModelError {
            guard case .promptTooLong(let limit, let count) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(limit, model.contextLength)
            XCTAssertGreaterThan(count, limit)
            XCTAssertTrue(error.isClientError)
            XCTAssertTrue(error.description.contains("\(limit)") && error.description.contains("\(count)"))
        }
        for bad in [request("x", temperature: 3), request("x", maxTokens: 0),
                    ChatRequest(model: "m", messages: [])] {
            do {
                _ = try await model.stream(bad)
                XCTFail("expected an error for \(bad)")
            } catch let error as LocalModelError {
                XCTAssertTrue(error.isClientError, "\(error)")
            }
        }
    }
}
