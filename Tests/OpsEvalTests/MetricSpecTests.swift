import OpsCore
import XCTest
@testable import OpsEval

/// `--metric` values: built-ins, judges, external scorers, and the errors for everything else;
/// and the metric settings a plan stores.
final class MetricSpecTests: XCTestCase {
    private func message(_ text: String) -> String {
        do { return "parsed as \(try MetricSpec(parsing: text))" } catch { return "\(error)" }
    }

    func testForms() throws {
        XCTAssertEqual(try MetricSpec(parsing: "bleu"), .builtin("bleu"))
        XCTAssertEqual(try MetricSpec(parsing: "judge:helpful@production"), .judge(PromptReference(name: "helpful", selector: .label("production"))))
        XCTAssertEqual(try MetricSpec(parsing: "judge:helpful@3"), .judge(PromptReference(name: "helpful", selector: .version(3))))
        XCTAssertEqual(try MetricSpec(parsing: "judge:helpful"), .judge(PromptReference(name: "helpful")))
        XCTAssertEqual(try MetricSpec(parsing: "external:cmd:python3 score.py --strict"), .command("python3 score.py --strict"))
        XCTAssertEqual(try MetricSpec(parsing: "external:http:http://127.0.0.1:9/score"), .http("http://127.0.0.1:9/score"))
        for text in ["rougeL", "judge:helpful@production", "external:cmd:./s.sh", "external:http:https://x.test/s"] {
            XCTAssertEqual(try MetricSpec(parsing: text).description, text, "the name is the text given")
        }
        XCTAssertTrue(try MetricSpec(parsing: "bleu").needsReferences)
        XCTAssertFalse(try MetricSpec(parsing: "judge:x").needsReferences)
    }

    func testBadSpecsSayWhatIsWrong() {
        XCTAssertTrue(message("blue").hasPrefix("unknown metric 'blue'; valid metrics: bleu, "), message("blue"))
        XCTAssertTrue(message("blue").contains("judge:PROMPT[@LABEL], external:cmd:PATH, external:http:URL"))
        XCTAssertTrue(message("judge:").contains("the judge's rubric must be a prompt reference"), message("judge:"))
        XCTAssertTrue(message("judge:a@b@c").contains("more than one '@'"))
        XCTAssertTrue(message("judge:bad name").contains("contains ' '"))
        XCTAssertEqual(message("external:cmd:"), "metric 'external:cmd:' names no command; write external:cmd:PATH, e.g. external:cmd:./score.py")
        XCTAssertTrue(message("external:http:ftp://x").contains("must start with http:// or https://"))
        XCTAssertTrue(message("external:grpc:x").contains("an external scorer is external:cmd:PATH or external:http:URL"))
    }

    func testPlansAcceptEveryFormAndKeepTheirSettings() throws {
        var settings = MetricSettings()
        settings.normalization = TextNormalization(ignoreCase: true, collapseWhitespace: false, removePunctuation: true)
        settings.judges = ["judge:helpful@production": 3]
        settings.scorerTimeout = 2.5
        settings.scorerConcurrency = 7
        settings.pattern = "^\\d+$"
        let plan = try ExperimentPlan(dataset: "d", datasetVersion: "v", target: .model("m"),
                                      metrics: ["exact", "judge:helpful@production", "external:cmd:./s.sh"], settings: settings)
        let read = try ExperimentPlan(json: plan.json)
        XCTAssertEqual(read, plan, "a plan reads back with its settings")
        XCTAssertEqual(read.specs.map(\.description), ["exact", "judge:helpful@production", "external:cmd:./s.sh"])
        XCTAssertEqual(read.settings.catalogOptions.normalization, settings.normalization)
        XCTAssertEqual(try ExperimentPlan(json: ["dataset": "d", "target": ["type": "model", "model": "m"], "metrics": ["exact"]]).settings,
                       MetricSettings(), "a plan without settings gets the defaults")
    }

    func testBadSettingsAreNamed() {
        func error(_ settings: JSONValue) -> OpsError? {
            do {
                _ = try ExperimentPlan(json: ["dataset": "d", "target": ["type": "model", "model": "m"], "metrics": ["exact"],
                                              "settings": settings])
                return nil
            } catch { return error }
        }
        let cases: [(JSONValue, String, String)] = [
            (["ignore_case": "yes"], "settings.ignore_case", "must be a boolean"),
            (["scorer_timeout": 0], "settings.scorer_timeout", "between"),
            (["scorer_timeout": "30s"], "settings.scorer_timeout", "must be a number"),
            (["scorer_concurrency": 0], "settings.scorer_concurrency", "between 1 and 256"),
            (["scorer_concurrency": 1000], "settings.scorer_concurrency", "between 1 and 256"),
            (["judges": ["judge:x": 0]], "settings.judges.judge:x", "prompt version number"),
            (["ignore_cases": true], "settings.ignore_cases", "is not a metric setting"),
            ("fast", "settings", "must be an object"),
        ]
        for (settings, param, message) in cases {
            let found = error(settings)
            XCTAssertEqual(found?.param, param, "\(settings)")
            XCTAssertTrue(found?.message.contains(message) == true, "\(settings): \(found?.message ?? "no error")")
        }
        let metric = (try? ExperimentPlan(json: ["dataset": "d", "target": ["type": "model", "model": "m"],
                                                 "metrics": ["exact", "external:cmd:"]])) == nil
        XCTAssertTrue(metric, "a malformed external metric is rejected")
    }
}
