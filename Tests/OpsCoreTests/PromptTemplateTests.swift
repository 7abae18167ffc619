import OpsCore
import XCTest

/// Rendering `{{variable}}` templates: spacing, missing variables, rejected mustache features.
final class PromptTemplateTests: XCTestCase {
    func testSubstitutesWithAndWithoutSpaces() throws {
        let template = try PromptTemplate("Hi {{name}}, you are {{ age }} and {{{name}}} {{& name}}.{{! note }}")
        XCTAssertEqual(template.variables, ["name", "age"])
        XCTAssertEqual(try template.render(["name": "Ada", "age": 36]), "Hi Ada, you are 36 and Ada Ada.")
    }

    func testDoesNotEscapeHTML() throws {
        let rendered = try PromptTemplate("<q>{{text}}</q>").render(["text": "a < b && \"c\""])
        XCTAssertEqual(rendered, "<q>a < b && \"c\"</q>")
    }

    func testJSONValuesRenderAsJSONAndNullAsNothing() throws {
        let template = try PromptTemplate("{{list}}|{{flag}}|{{none}}|{{obj}}")
        XCTAssertEqual(try template.render(["list": [1, "x"], "flag": true, "none": nil, "obj": ["k": 1]]),
                       "[1,\"x\"]|true||{\"k\":1}")
    }

    func testReportsAllMissingVariablesAtOnce() throws {
        let template = try PromptTemplate("{{a}} {{b}} {{c}} {{a}}")
        XCTAssertThrowsError(try template.render(["b": "x"])) { error in
            let error = error as? OpsError
            XCTAssertEqual(error?.param, "prompt.variables")
            XCTAssertEqual(error?.code, "missing_variables")
            XCTAssertEqual(error?.message, "The prompt needs the variables 'a', 'c', which the request did not provide")
        }
    }

    func testRejectsSectionsPartialsAndBadTags() {
        for (source, fragment) in [("{{#items}}x{{/items}}", "sections"), ("{{> header}}", "partials"),
                                   ("{{=<% %>=}}", "delimiter changes"), ("{{^x}}{{/x}}", "sections"),
                                   ("a {{ b", "never closed"), ("{{}}", "empty placeholder"),
                                   ("{{a b}}", "not a variable name")] {
            XCTAssertThrowsError(try PromptTemplate(source, param: "messages[0].content"), source) { error in
                let error = error as? OpsError
                XCTAssertEqual(error?.param, "messages[0].content")
                XCTAssertTrue(error?.message.contains(fragment) ?? false, "\(source): \(error?.message ?? "")")
            }
        }
    }

    func testUnclosedTagNamesThePosition() {
        XCTAssertThrowsError(try PromptTemplate("line one\nsay {{ hi")) { error in
            XCTAssertTrue((error as? OpsError)?.message.contains("line 2, column 5") ?? false, "\(error)")
        }
    }

    func testChatVersionRendersEveryMessageAndCollectsMissingAcrossThem() throws {
        let version = PromptVersion(name: "greet", number: 1,
                                    body: .chat([.system("You answer in {{language}}."), .user("{{question}}")]),
                                    createdAt: Date(timeIntervalSince1970: 0), author: "ada")
        XCTAssertEqual(try version.variables(), ["language", "question"])
        guard case .chat(let messages) = try version.render(["language": "French", "question": "Why?"]) else {
            return XCTFail("expected chat")
        }
        XCTAssertEqual(messages.map(\.text), ["You answer in French.", "Why?"])
        XCTAssertThrowsError(try version.render([:])) { error in
            XCTAssertEqual((error as? OpsError)?.message,
                           "The prompt needs the variables 'language', 'question', which the request did not provide")
        }
    }
}
