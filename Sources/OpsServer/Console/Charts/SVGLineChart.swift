import Foundation

/// A line chart over time drawn as an SVG string on the server: gridlines, labelled axes (UTC
/// clock times on x), one line per series with a legend, and a hover `<title>` on every point.
/// All text is escaped; an empty chart says so; a lone value is drawn as a dot.
public struct SVGLineChart: Sendable {
    /// The accessible name (`<title>`), also used to derive element ids.
    public var title: String
    public var series: [ChartSeries]
    /// The time window; the x axis spans it whatever the data.
    public var from: Date
    public var to: Date
    public var format: ChartValueFormat
    public var width: Double = 640
    public var height: Double = 220

    private var margin = (left: 60.0, right: 16.0, top: 30.0, bottom: 26.0)

    public init(title: String, series: [ChartSeries], from: Date, to: Date, format: ChartValueFormat) {
        self.title = title
        self.series = series
        self.from = from
        self.to = max(to, from.addingTimeInterval(1))
        self.format = format
    }

    private var plotWidth: Double { width - margin.left - margin.right }
    private var plotHeight: Double { height - margin.top - margin.bottom }

    /// The chart as a standalone `<svg>` element.
    public func render() -> String {
        let maxValue = series.flatMap { $0.points.compactMap(\.y) }.max() ?? 0
        let yTicks = ChartTicks.values(upTo: maxValue, integral: format.isIntegral)
        // The value labels decide the left margin, so `$0.000015` fits as well as `8`.
        var chart = self
        chart.margin.left = max(40, Double(yTicks.map { format.label($0).count }.max() ?? 1) * 6.5 + 14)
        return chart.draw(yTicks: yTicks)
    }

    private func draw(yTicks: [Double]) -> String {
        let yTop = yTicks.last ?? 1
        let titleID = "chart-" + Self.slug(title)
        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 \(n(width)) \(n(height))" role="img" \
        aria-labelledby="\(titleID)"><title id="\(titleID)">\(XMLEscaping.escape(title))</title>
        """
        svg += "<g class=\"grid\">"
        for tick in yTicks {
            let y = yPosition(tick, top: yTop)
            svg += "<line x1=\"\(n(margin.left))\" y1=\"\(n(y))\" x2=\"\(n(width - margin.right))\" y2=\"\(n(y))\"/>"
            svg += "<text class=\"y-label\" x=\"\(n(margin.left - 6))\" y=\"\(n(y + 4))\" text-anchor=\"end\">"
                + "\(XMLEscaping.escape(format.label(tick)))</text>"
        }
        let (timeTicks, step) = ChartTicks.times(from: from, to: to)
        for tick in timeTicks {
            let x = xPosition(tick)
            svg += "<line class=\"x-tick\" x1=\"\(n(x))\" y1=\"\(n(margin.top + plotHeight))\" x2=\"\(n(x))\" y2=\"\(n(margin.top + plotHeight + 4))\"/>"
            svg += "<text class=\"x-label\" x=\"\(n(x))\" y=\"\(n(height - 8))\" text-anchor=\"middle\">"
                + "\(XMLEscaping.escape(ChartTicks.timeLabel(tick, step: step)))</text>"
        }
        svg += "</g>"
        svg += "<line class=\"axis\" x1=\"\(n(margin.left))\" y1=\"\(n(margin.top + plotHeight))\" "
            + "x2=\"\(n(width - margin.right))\" y2=\"\(n(margin.top + plotHeight))\"/>"
        if !series.contains(where: \.hasValues) {
            svg += "<text class=\"empty\" x=\"\(n(margin.left + plotWidth / 2))\" y=\"\(n(margin.top + plotHeight / 2))\" "
                + "text-anchor=\"middle\">No data in this range</text>"
        }
        for s in series { svg += line(for: s, top: yTop) }
        svg += legend()
        return svg + "</svg>"
    }

    private func line(for s: ChartSeries, top: Double) -> String {
        let color = XMLEscaping.escape(s.color)
        var paths: [[(Double, Double)]] = [[]]
        var dots = ""
        for (i, point) in s.points.enumerated() {
            guard let value = point.y else {
                if !(paths.last?.isEmpty ?? true) { paths.append([]) }
                continue
            }
            let xy = (xPosition(point.x), yPosition(value, top: top))
            paths[paths.count - 1].append(xy)
            let isolated = (i == 0 || s.points[i - 1].y == nil) && (i == s.points.count - 1 || s.points[i + 1].y == nil)
            let label = "\(s.name) at \(point.x.iso8601): \(format.label(value))"
            dots += "<circle cx=\"\(n(xy.0))\" cy=\"\(n(xy.1))\" r=\"\(isolated ? 3 : 2)\" fill=\"\(color)\">"
                + "<title>\(XMLEscaping.escape(label))</title></circle>"
        }
        var out = "<g class=\"series\" data-series=\"\(XMLEscaping.escape(s.name))\">"
        for path in paths where path.count > 1 {
            let d = path.enumerated().map { "\($0.offset == 0 ? "M" : "L")\(n($0.element.0)),\(n($0.element.1))" }.joined()
            out += "<path d=\"\(d)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" stroke-linejoin=\"round\"/>"
        }
        return out + dots + "</g>"
    }

    private func legend() -> String {
        var x = margin.left
        var out = "<g class=\"legend\">"
        for s in series {
            out += "<rect x=\"\(n(x))\" y=\"8\" width=\"12\" height=\"12\" rx=\"2\" fill=\"\(XMLEscaping.escape(s.color))\"/>"
            out += "<text x=\"\(n(x + 17))\" y=\"18\">\(XMLEscaping.escape(s.name))</text>"
            x += 17 + Double(s.name.count) * 7 + 18
        }
        return out + "</g>"
    }

    private func xPosition(_ date: Date) -> Double {
        margin.left + plotWidth * date.timeIntervalSince(from) / to.timeIntervalSince(from)
    }

    private func yPosition(_ value: Double, top: Double) -> Double {
        margin.top + plotHeight * (1 - min(max(value / top, 0), 1))
    }

    /// Coordinates with one decimal: short output, sub-pixel precision.
    private func n(_ v: Double) -> String { ChartValueFormat.trimmed(v, decimals: 1) }

    /// Lowercase letters and digits of `s`, joined by dashes: a valid, readable id.
    static func slug(_ s: String) -> String {
        s.lowercased().split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }.joined(separator: "-")
    }
}
