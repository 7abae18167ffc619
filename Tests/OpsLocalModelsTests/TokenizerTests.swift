import XCTest
@testable import OpsLocalModels

/// Tokenizer behaviour on hand-picked cases (the reference comparisons live in *ReferenceTests).
final class TokenizerTests: XCTestCase {
    func testWordPieceTruncatesWithClsAndSep() throws {
        let tokenizer = try TestSupport.embedder().tokenizer
        let ids = tokenizer.encode(String(repeating: "hello world ", count: 400))
        XCTAssertEqual(ids.count, 256)
        XCTAssertEqual(ids.first, tokenizer.clsID)
        XCTAssertEqual(ids.last, tokenizer.sepID)
        XCTAssertEqual(tokenizer.encode(""), [tokenizer.clsID, tokenizer.sepID])
        XCTAssertEqual(tokenizer.decode(tokenizer.encode("Héllo, WORLD!")), "hello , world !")
    }

    func testBPEParsesSpecialTokensOnlyWhenAsked() throws {
        let tokenizer = try ByteLevelBPETokenizer(gguf: TestSupport.smolLMFile())
        let imStart = try XCTUnwrap(tokenizer.id(of: "<|im_start|>"))
        XCTAssertEqual(tokenizer.encode("<|im_start|>", parseSpecial: true), [imStart])
        XCTAssertGreaterThan(tokenizer.encode("<|im_start|>", parseSpecial: false).count, 1)
        XCTAssertEqual(tokenizer.decode(tokenizer.encode("naïve café 😀 12345")), "naïve café 😀 12345")
        XCTAssertEqual(tokenizer.decode([imStart]), "")
        XCTAssertEqual(tokenizer.decode([imStart], special: true), "<|im_start|>")
    }

    func testStreamerHoldsBackPartialCharactersAndStopPrefixes() {
        var streamer = TextStreamer(stopSequences: ["END"])
        let euro = Array("€".utf8)
        XCTAssertEqual(streamer.append([euro[0]]), "")
        XCTAssertEqual(streamer.append(Array(euro[1...])), "€")
        XCTAssertEqual(streamer.append(Array(" E".utf8)), " ")
        XCTAssertEqual(streamer.append(Array("N".utf8)), "")
        XCTAssertEqual(streamer.append(Array("D tail".utf8)), "")
        XCTAssertTrue(streamer.stopped)
        XCTAssertEqual(streamer.emitted, "€ ")
    }

    func testChatTemplateInsertsTheDefaultSystemMessage() throws {
        let template = try ChatTemplate(gguf: TestSupport.smolLMFile())
        XCTAssertEqual(template.defaultSystemMessage, "You are a helpful AI assistant named SmolLM, trained by Hugging Face")
        XCTAssertEqual(template.render([("system", "S"), ("user", "U")]),
                       "<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nU<|im_end|>\n<|im_start|>assistant\n")
        XCTAssertTrue(template.render([("user", "U")]).hasPrefix("<|im_start|>system\nYou are a helpful"))
        XCTAssertThrowsError(try ChatTemplate(jinjaSource: "{{ bos_token }}{% for m in messages %}[INST]{% endfor %}"))
    }
}
