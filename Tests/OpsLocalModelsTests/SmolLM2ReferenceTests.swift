import XCTest
import OpsCore
@testable import OpsLocalModels

/// Compares against llama.cpp (through llama-cpp-python) output committed in
/// `Fixtures/smollm2.json` (made by `scripts/local-models/make_smollm_fixtures.py`).
final class SmolLM2ReferenceTests: XCTestCase {
    private func fixture() throws -> [String: Any] { try TestSupport.fixtureJSON("smollm2.json") }

    func testTokenIDsMatchLlamaCpp() throws {
        let tokenizer = try ByteLevelBPETokenizer(gguf: TestSupport.smolLMFile())
        let cases = try XCTUnwrap(fixture()["tokenization"] as? [[String: Any]])
        XCTAssertGreaterThanOrEqual(cases.count, 200)
        var failures: [String] = []
        for c in cases {
            let text = try XCTUnwrap(c["text"] as? String)
            let plain = tokenizer.encode(text, parseSpecial: false)
            let special = tokenizer.encode(text + "<|im_end|>", parseSpecial: true)
            if plain != c["ids"] as? [Int] { failures.append("plain \(text.debugDescription): \(plain)") }
            if special != c["special_ids"] as? [Int] { failures.append("special \(text.debugDescription): \(special)") }
            let decoded = tokenizer.decode(plain)
            if decoded != text && text.unicodeScalars.allSatisfy({ $0.value >= 32 || $0 == "\n" || $0 == "\t" }) {
                failures.append("round trip \(text.debugDescription) → \(decoded.debugDescription)")
            }
        }
        XCTAssert(failures.isEmpty, "\(failures.count) failures:\n" + failures.prefix(5).joined(separator: "\n"))
    }

    func testChatPromptsRenderAndTokenizeLikeLlamaCpp() throws {
        let model = try TestSupport.chatModel()
        let cases = try XCTUnwrap(fixture()["generation"] as? [[String: Any]]).filter { $0["kind"] as? String == "chat" }
        XCTAssertGreaterThanOrEqual(cases.count, 10)
        for c in cases {
            let messages = try XCTUnwrap(c["messages"] as? [[String: String]]).map {
                ChatMessage(role: $0["role"]!, content: .text($0["content"]!))
            }
            let rendered = model.template.render(messages.map { ($0.role, $0.text) })
            XCTAssertEqual(rendered, c["prompt"] as? String)
            XCTAssertEqual(try model.promptTokens(for: ChatRequest(model: "m", messages: messages)), c["prompt_ids"] as? [Int])
        }
    }

    /// Greedy decoding must reproduce llama.cpp's first 32 tokens on every prompt. The decoder
    /// mirrors ggml's arithmetic (8-bit activation quantization, f16 KV cache, its exp, RMSNorm
    /// and fused RoPE rounding, and the summation order of its attention kernels), so the
    /// logits are bit-identical at every step and no near-tie is allowed to go the other way.
    func testGreedyDecodingReproducesLlamaCpp() async throws {
        let model = try TestSupport.chatModel()
        let all = try XCTUnwrap(fixture()["generation"] as? [[String: Any]])
        XCTAssertGreaterThanOrEqual(all.count, 20)
        let cases = TestSupport.workload(all, stride: 12)
        var exact = 0
        for c in cases {
            let prompt = try XCTUnwrap(c["prompt"] as? String)
            let expected = try XCTUnwrap(c["generated"] as? [Int])
            let margins = try XCTUnwrap(c["margins"] as? [Double])
            let promptIDs = model.tokenizer.encode(prompt, parseSpecial: true)
            XCTAssertEqual(promptIDs, c["prompt_ids"] as? [Int], "prompt ids for \(prompt.debugDescription)")
            let output = try await model.completeText(prompt, maxTokens: expected.count)
            let got = output.tokenIDs
            let expectedText = expected.filter { $0 != 0 && $0 != 2 }
            if got == expectedText { exact += 1; continue }
            let firstDifference = zip(got, expected).prefix { $0 == $1 }.count
            XCTFail("\(prompt.debugDescription): diverged at token \(firstDifference) (llama.cpp margin "
                    + "\(firstDifference < margins.count ? margins[firstDifference] : -1)): \(got) vs \(expected)")
        }
        print("SmolLM2 greedy: \(exact)/\(cases.count) prompts identical to llama.cpp for all tokens")
        XCTAssertEqual(exact, cases.count, "every prompt must reproduce llama.cpp's tokens exactly")
    }
}
