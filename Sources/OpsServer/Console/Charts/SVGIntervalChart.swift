import Foundation

/// A paired difference with its confidence interval drawn as an SVG string on the server: a
/// horizontal axis symmetric around zero, a dashed zero line, the interval as a bar and the mean
/// difference as a dot. Green when the interval lies above zero, red below, grey across it.
public struct SVGIntervalChart: Sendable {
    /// The accessible name (`<title>`), e.g. `bleu: candidate − baseline`.
    public var title: String
    public var mean: Double
    public var lower: Double
    public var upper: Double
    public var width: Double = 260
    public var height: Double = 46

    private let margin = (left: 12.0, right: 12.0, top: 8.0, bottom: 16.0)

    public init(title: String, mean: Double, lower: Double, upper: Double) {
        self.title = title
        self.mean = mean
        self.lower = min(lower, upper)
        self.upper = max(lower, upper)
    }

    /// Half the axis: the largest distance from zero, with 10% room, never 0.
    public var extent: Double {
        let far = [abs(lower), abs(upper), abs(mean)].filter(\.isFinite).max() ?? 0
        return far > 0 ? far * 1.1 : 1
    }

    /// `better`, `worse` or `unclear`: which side of zero the whole interval is on.
    public var verdict: String {
        if lower > 0 { return "better" }
        if upper < 0 { return "worse" }
        return "unclear"
    }

    /// The x coordinate of `value`.
    public func x(_ value: Double) -> Double {
        let plot = width - margin.left - margin.right
        return margin.left + plot * (min(max(value, -extent), extent) + extent) / (2 * extent)
    }

    public func render() -> String {
        let color = verdict == "better" ? "#16a34a" : verdict == "worse" ? "#dc2626" : "#6b7280"
        let axisY = height - margin.bottom
        let barY = margin.top + 8
        let label = "\(title): \(Self.signed(mean)) [\(Self.signed(lower)), \(Self.signed(upper))]"
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"interval\" viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" "
            + "data-verdict=\"\(verdict)\"><title>\(XMLEscaping.escape(label))</title>"
        svg += "<line class=\"axis\" x1=\"\(n(margin.left))\" y1=\"\(n(axisY))\" x2=\"\(n(width - margin.right))\" y2=\"\(n(axisY))\" stroke=\"#9ca3af\"/>"
        svg += "<line class=\"zero\" x1=\"\(n(x(0)))\" y1=\"\(n(margin.top))\" x2=\"\(n(x(0)))\" y2=\"\(n(axisY))\" stroke=\"#9ca3af\" stroke-dasharray=\"3 2\"/>"
        for tick in [-extent, 0, extent] {
            svg += "<text x=\"\(n(x(tick)))\" y=\"\(n(height - 3))\" text-anchor=\"\(tick < 0 ? "start" : tick > 0 ? "end" : "middle")\">"
                + "\(XMLEscaping.escape(Self.signed(tick)))</text>"
        }
        svg += "<line class=\"ci\" x1=\"\(n(x(lower)))\" y1=\"\(n(barY))\" x2=\"\(n(x(upper)))\" y2=\"\(n(barY))\" stroke=\"\(color)\" "
            + "stroke-width=\"6\" stroke-linecap=\"round\"/>"
        svg += "<circle class=\"mean\" cx=\"\(n(x(mean)))\" cy=\"\(n(barY))\" r=\"4.5\" fill=\"#fff\" stroke=\"\(color)\" stroke-width=\"2\"/>"
        return svg + "</svg>"
    }

    /// `+1.25`, `-0.5`, `0`: up to three decimals, with the sign.
    public static func signed(_ value: Double) -> String {
        let text = ChartValueFormat.trimmed(value, decimals: abs(value) >= 10 ? 2 : 3)
        return value > 0 && text != "0" ? "+" + text : text
    }

    private func n(_ v: Double) -> String { ChartValueFormat.trimmed(v, decimals: 1) }
}
