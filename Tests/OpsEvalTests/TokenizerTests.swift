import OpsCore
import XCTest
@testable import OpsEval

final class TokenizerTests: XCTestCase {
    func testPorterStemmerMatchesNLTK() throws {
        let pairs = try Fixture.load("porter.json")["pairs"]!.arrayValue!.map { $0.arrayValue!.map { $0.stringValue! } }
        XCTAssertGreaterThan(pairs.count, 5000)
        let stemmer = PorterStemmer()
        var failures: [String] = []
        for pair in pairs {
            let stem = stemmer.stem(pair[0])
            if stem != pair[1] { failures.append("\(pair[0]) → \(stem), NLTK: \(pair[1])") }
        }
        XCTAssertEqual(failures, [], "\(failures.count) words stem differently")
    }

    func testTokenizer13aSplitsPunctuationButKeepsNumbers() {
        let tok = Tokenizer13a()
        XCTAssertEqual(tok("Hello, world!"), "Hello , world !")
        XCTAssertEqual(tok("It costs $1,000.50."), "It costs $ 1,000.50 .")
        XCTAssertEqual(tok("&quot;a&quot; &amp;lt; b"), "\" a \" < b")
        XCTAssertEqual(tok("well-known 5-3"), "well-known 5 - 3")
        XCTAssertEqual(tok("  trailing \t"), "trailing")
    }

    func testRougeTokenizerLowercasesAndDropsNonAlphanumerics() {
        XCTAssertEqual(RougeTokenizer().tokenize("The Cat's café, 42!"), ["the", "cat", "s", "caf", "42"])
        XCTAssertEqual(RougeTokenizer(useStemmer: true).tokenize("running flies cats"), ["run", "fli", "cat"])
        XCTAssertEqual(RougeTokenizer().tokenize("İstanbul \u{212A}elvin"), ["i", "stanbul", "kelvin"])
    }
}
