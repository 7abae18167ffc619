import OpsCore
import XCTest

/// JSONL and CSV import: what parses, and errors that name the line and the field.
final class DatasetImporterTests: XCTestCase {
    func testJSONL() throws {
        let text = """
            {"input": {"question": "2+2?"}, "expected_output": "4", "metadata": {"topic": "math"}}

            {"input": {"messages": [{"role": "user", "content": "hi"}]}}\r
            {"input": "plain text", "expected_output": ["a", "b"]}
            """
        let items = try DatasetImporter.parse(text, format: .jsonl)
        XCTAssertEqual(items.count, 3)
        XCTAssertEqual(items[0].variables["question"], "2+2?")
        XCTAssertEqual(items[0].references, ["4"])
        XCTAssertEqual(items[0].metadata["topic"], "math")
        XCTAssertEqual(try items[1].messages()?.first?.text, "hi")
        XCTAssertEqual(items[2].variables, ["input": "plain text"])
        XCTAssertEqual(items[2].references, ["a", "b"])
    }

    func testJSONLErrorsNameLineAndField() {
        let cases: [(String, String, String?)] = [
            ("{\"input\": 1}\n{\"input\": ", "line 2: not valid JSON", "line 2"),
            ("{\"input\": 1}\n\n{\"expected_output\": \"x\"}", "line 3, field input: input is required", "input"),
            ("{\"input\": 1, \"metdata\": {}}", "line 1, field metdata", "metdata"),
            ("{\"input\": 1, \"metadata\": []}", "line 1, field metadata: metadata must be an object", "metadata"),
            ("[1]", "line 1: the item must be a JSON object", "line 1"),
            ("{\"input\": {\"messages\": [{\"role\": \"robot\", \"content\": \"x\"}]}}", "line 1: input.messages[0].role",
             "input.messages[0].role"),
        ]
        for (text, fragment, param) in cases {
            XCTAssertThrowsError(try DatasetImporter.parseJSONL(text), text) { error in
                let error = error as? OpsError
                XCTAssertTrue(error?.message.hasPrefix(fragment) ?? false, "\(text) → \(error?.message ?? "")")
                XCTAssertEqual(error?.param, param)
            }
        }
    }

    func testCSVQuotesCommasAndNewlines() throws {
        let text = "var.question,var.context,expected_output,metadata.source\r\n"
            + "\"What is 1,5 in English?\",\"line one\nline two\",\"one and a half, \"\"roughly\"\"\",book\r\n"
            + "Why?,,Because,\n"
        let items = try DatasetImporter.parse(text, format: .csv)
        XCTAssertEqual(items.count, 2)
        XCTAssertEqual(items[0].input, ["question": "What is 1,5 in English?", "context": "line one\nline two"])
        XCTAssertEqual(items[0].expectedOutput, "one and a half, \"roughly\"")
        XCTAssertEqual(items[0].metadata["source"], "book")
        XCTAssertEqual(items[1].input, ["question": "Why?", "context": ""])
        XCTAssertTrue(items[1].metadata.isEmpty)
    }

    func testCSVInputColumnAndJSONCells() throws {
        let text = "input,expected_output\nhello,\n\"{\"\"messages\"\": [{\"\"role\"\": \"\"user\"\", \"\"content\"\": \"\"hi\"\"}]}\",x\n"
        let items = try DatasetImporter.parseCSV(text)
        XCTAssertEqual(items[0].input, "hello")
        XCTAssertNil(items[0].expectedOutput)
        XCTAssertEqual(try items[1].messages()?.count, 1)
    }

    func testCSVErrorsNameTheLine() {
        let cases: [(String, String)] = [
            ("input\n\"a\nb\nc,\"x\"y\n", "line 4: text after a closing quote"),
            ("input,expected_output\na,b\nc\n", "line 3: 1 fields, but the header has 2"),
            ("input,answer\na,b\n", "line 1: unknown column 'answer'"),
            ("input,var.x\na,b\n", "line 1: use either an input column"),
            ("metadata.a\nx\n", "line 1: no input column"),
            ("input\n\"abc\n", "line 2: a quoted field is never closed"),
            ("input\nab\"c\n", "line 2: a quote inside an unquoted field"),
            ("input\n\"x\"\n\"{not json\"\n", "line 3, field input"),
        ]
        for (text, fragment) in cases {
            XCTAssertThrowsError(try DatasetImporter.parseCSV(text), text) { error in
                let message = (error as? OpsError)?.message ?? ""
                XCTAssertTrue(message.hasPrefix(fragment), "\(text.debugDescription) → \(message)")
            }
        }
    }

    func testFormatFromFileName() {
        XCTAssertEqual(DatasetImporter.Format(fileName: "qa.JSONL"), .jsonl)
        XCTAssertEqual(DatasetImporter.Format(fileName: "qa.csv"), .csv)
        XCTAssertNil(DatasetImporter.Format(fileName: "qa.txt"))
    }
}
