import Foundation
@testable import OpsServer
import XCTest

final class ConsoleChartTests: XCTestCase {
    let start = Date(timeIntervalSince1970: 1_767_268_800)  // 2026-01-01T12:00:00Z

    func points(_ values: [Double?]) -> [ChartSeries.Point] {
        values.enumerated().map { ChartSeries.Point(x: start.addingTimeInterval(Double($0.offset) * 60 + 30), y: $0.element) }
    }

    func chart(_ series: [ChartSeries], format: ChartValueFormat = .count, title: String = "Requests") -> String {
        SVGLineChart(title: title, series: series, from: start, to: start.addingTimeInterval(3600), format: format).render()
    }

    func testRendersAccessibleTitleLegendAndOnePathPerSeries() {
        let svg = chart([ChartSeries(name: "Requests", color: "#2563eb", points: points([1, 4, 2])),
                         ChartSeries(name: "Errors", color: "#dc2626", points: points([0, 1, 0]))])
        XCTAssertTrue(svg.hasPrefix("<svg "))
        XCTAssertTrue(svg.hasSuffix("</svg>"))
        XCTAssertTrue(svg.contains("role=\"img\" aria-labelledby=\"chart-requests\""))
        XCTAssertTrue(svg.contains("<title id=\"chart-requests\">Requests</title>"))
        XCTAssertEqual(svg.components(separatedBy: "<path ").count - 1, 2)
        XCTAssertTrue(svg.contains(">Errors</text>"), "legend names each series")
        XCTAssertTrue(svg.contains("stroke=\"#dc2626\""))
        XCTAssertFalse(svg.contains("No data"))
    }

    func testAxesHaveRoundValueTicksAndClockTimeLabels() {
        let svg = chart([ChartSeries(name: "Requests", color: "#000", points: points([3, 7]))])
        for label in [">0</text>", ">2</text>", ">4</text>", ">6</text>", ">8</text>"] {
            XCTAssertTrue(svg.contains(label), "missing y tick \(label)")
        }
        XCTAssertTrue(svg.contains(">12:10</text>"))
        XCTAssertTrue(svg.contains(">13:00</text>"))
    }

    func testEscapesTitleSeriesNamesAndColours() {
        let svg = chart([ChartSeries(name: "<script>alert(1)</script>", color: "\"><x", points: points([1]))], title: "A & B <c>")
        XCTAssertFalse(svg.contains("<script>"))
        XCTAssertFalse(svg.contains("\"><x"))
        XCTAssertTrue(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        XCTAssertTrue(svg.contains(">A &amp; B &lt;c&gt;</title>"))
        XCTAssertTrue(svg.contains("aria-labelledby=\"chart-a-b-c\""))
    }

    func testEmptyDataSaysSoAndStillDrawsAxes() {
        let svg = chart([ChartSeries(name: "p50", color: "#000", points: points([nil, nil])), ChartSeries(name: "p95", color: "#111", points: [])],
                        format: .milliseconds)
        XCTAssertTrue(svg.contains("No data in this range"))
        XCTAssertTrue(svg.contains("class=\"axis\""))
        XCTAssertFalse(svg.contains("<path"))
    }

    func testALoneValueIsADotAndGapsSplitTheLine() {
        let single = chart([ChartSeries(name: "Requests", color: "#000", points: points([5]))])
        XCTAssertFalse(single.contains("<path"))
        XCTAssertTrue(single.contains("r=\"3\""), "an isolated point is drawn as a larger dot")
        let gapped = chart([ChartSeries(name: "p50", color: "#000", points: points([1, 2, nil, 3, 4]))], format: .milliseconds)
        XCTAssertEqual(gapped.components(separatedBy: "<path ").count - 1, 2)
        XCTAssertEqual(gapped.components(separatedBy: "<circle ").count - 1, 4)
    }

    func testTheLeftMarginFitsTheWidestValueLabel() {
        let narrow = chart([ChartSeries(name: "Requests", color: "#000", points: points([3]))])
        XCTAssertTrue(narrow.contains("<line x1=\"40\""), "one-character labels keep the minimum margin")
        let wide = chart([ChartSeries(name: "Cost", color: "#000", points: points([0.0000173]))], format: .dollars)
        XCTAssertTrue(wide.contains(">$0.000015</text>"))
        XCTAssertTrue(wide.contains("<line x1=\"72.5\""), "nine-character labels get 9 × 6.5 + 14 points")
    }

    func testTickValuesAreRound() {
        XCTAssertEqual(ChartTicks.values(upTo: 7, integral: true), [0, 2, 4, 6, 8])
        XCTAssertEqual(ChartTicks.values(upTo: 1, integral: true), [0, 1])
        XCTAssertEqual(ChartTicks.values(upTo: 0, integral: true), [0, 1])
        XCTAssertEqual(ChartTicks.values(upTo: 0.003, integral: false), [0, 0.001, 0.002, 0.003])
        XCTAssertEqual(ChartTicks.values(upTo: 950, integral: false), [0, 500, 1000])
    }

    func testTimeTicksAlignToTheClock() {
        let day = ChartTicks.times(from: start, to: start.addingTimeInterval(86_400))
        XCTAssertEqual(day.step, 21_600)
        XCTAssertEqual(day.ticks.map { ChartTicks.timeLabel($0, step: day.step) }, ["12:00", "18:00", "Jan 2", "06:00", "12:00"])
        let week = ChartTicks.times(from: start, to: start.addingTimeInterval(7 * 86_400))
        XCTAssertEqual(week.step, 86_400)
        XCTAssertEqual(ChartTicks.timeLabel(week.ticks[0], step: week.step), "Jan 2")
    }

    func testValueLabels() {
        XCTAssertEqual(ChartValueFormat.count.label(1500), "1.5k")
        XCTAssertEqual(ChartValueFormat.count.label(2_000_000), "2M")
        XCTAssertEqual(ChartValueFormat.milliseconds.label(250), "250 ms")
        XCTAssertEqual(ChartValueFormat.milliseconds.label(1250), "1.25 s")
        XCTAssertEqual(ChartValueFormat.dollars.label(0.0012), "$0.0012")
        XCTAssertEqual(ChartValueFormat.dollars.label(1.5), "$1.5")
        XCTAssertEqual(ChartValueFormat.dollars.label(0), "$0")
    }
}
