import OpsCore
@testable import OpsServer
import XCTest

/// The pieces the new console pages are made of: form bodies, the interval chart.
final class ConsoleReviewPartsTests: XCTestCase {
    func testFormBodiesAreDecoded() {
        let form = ConsoleForm(encoded: "version=2&var.question=Where+is+%C3%A9t%C3%A9%3F&var.name=&flag&&var.question=again")
        XCTAssertEqual(form["version"], "2")
        XCTAssertEqual(form["var.question"], "Where is été?", "+ is a space, escapes decoded, the first value wins")
        XCTAssertEqual(form["flag"], "")
        XCTAssertNil(form["missing"])
        XCTAssertEqual(form.prefixed("var.").map(\.name), ["question", "name", "question"])
        XCTAssertEqual(ConsoleForm(encoded: "a=100%").fields.first?.value, "100%", "a stray % is kept as typed")
    }

    func testReviewFormsBecomeTheAPIsBodies() {
        let definition = ConsoleForm(encoded: "name=stars&kind=numeric&min=+1+&max=five&categories=&description=")
        XCTAssertEqual(ScoreDefinitionFormView.json(definition), ["name": "stars", "kind": "numeric", "min": 1.0, "max": "five"],
                       "blank fields left out, numbers read as numbers, the rest as typed")
        let labels = ConsoleForm(encoded: "name=tone&kind=categorical&categories=a%0D%0A+b+%0A%0Ac")
        XCTAssertEqual(ScoreDefinitionFormView.json(labels)["categories"], ["a", "b", "c"])

        let queue = ConsoleForm(encoded: "name=Q&score_definitions=a&score_definitions=b&lease_seconds=60&source=trace_filter"
                                + "&trace_filter.model=m&trace_filter.tag=&trace_ids=t1&run_id=run_1")
        XCTAssertEqual(QueueFormView.json(queue), ["name": "Q", "score_definitions": ["a", "b"], "lease_seconds": 60,
                                                   "trace_filter": ["model": "m"]], "only the chosen source's fields")
        let ids = ConsoleForm(encoded: "name=Q&source=trace_ids&trace_ids=t1,+t2%0At3&lease_seconds=soon")
        XCTAssertEqual(QueueFormView.json(ids)["trace_ids"], ["t1", "t2", "t3"])
        XCTAssertEqual(QueueFormView.json(ids)["lease_seconds"], "soon", "kept as typed, so the error says it is not a number")
        XCTAssertEqual(QueueFormView.json(ConsoleForm(encoded: "source=run_id"))["run_id"], "")
        XCTAssertNil(QueueFormView.json(ConsoleForm(encoded: "name=Q"))["trace_filter"])
        XCTAssertEqual(ConsoleForm(encoded: "a=1&b=2&a=3").values("a"), ["1", "3"])
        XCTAssertEqual(ConsoleForm.field(at: "trace_ids[3]"), "trace_ids")
        XCTAssertEqual(ConsoleForm.field(at: "trace_filter.status"), "trace_filter.status")
        XCTAssertNil(ConsoleForm.field(at: nil))
    }

    func testIntervalChartPlacesTheIntervalAroundZero() {
        let better = SVGIntervalChart(title: "bleu", mean: 2, lower: 1, upper: 3)
        XCTAssertEqual(better.verdict, "better")
        XCTAssertEqual(better.extent, 3.3, accuracy: 1e-9)
        XCTAssertEqual(better.x(0), 130, accuracy: 1e-9, "zero is in the middle of a 260-wide chart")
        XCTAssertGreaterThan(better.x(1), better.x(0))
        let svg = better.render()
        XCTAssertTrue(svg.contains("data-verdict=\"better\""))
        XCTAssertTrue(svg.contains("<title>bleu: +2 [+1, +3]</title>"), svg)
        XCTAssertTrue(svg.contains("stroke=\"#16a34a\""))
        XCTAssertTrue(svg.contains("x1=\"\(ChartValueFormat.trimmed(better.x(1), decimals: 1))\""), "the bar starts at the lower bound")
        XCTAssertEqual(SVGIntervalChart(title: "t", mean: -1, lower: -2, upper: -0.5).verdict, "worse")
        XCTAssertEqual(SVGIntervalChart(title: "t", mean: 0.1, lower: -0.2, upper: 0.4).verdict, "unclear")
        let flat = SVGIntervalChart(title: "a<b", mean: 0, lower: 0, upper: 0)
        XCTAssertEqual(flat.extent, 1, "an all-zero interval still has an axis")
        XCTAssertTrue(flat.render().contains("<title>a&lt;b: 0 [0, 0]</title>"))
        XCTAssertEqual(SVGIntervalChart.signed(-0.00001), "0")
        XCTAssertEqual(SVGIntervalChart.signed(12.345), "+12.35")
    }
}
