import Foundation

/// One line on a chart: a name for the legend, a colour, and values over time.
public struct ChartSeries: Sendable, Hashable {
    /// One value at one time; `nil` leaves a gap (e.g. no latency in a bucket without requests).
    public struct Point: Sendable, Hashable {
        public var x: Date
        public var y: Double?

        public init(x: Date, y: Double?) {
            self.x = x
            self.y = y
        }
    }

    public var name: String
    /// A CSS colour, e.g. `#2563eb`.
    public var color: String
    public var points: [Point]

    public init(name: String, color: String, points: [Point]) {
        self.name = name
        self.color = color
        self.points = points
    }

    /// Whether the series has at least one value to draw.
    var hasValues: Bool { points.contains { $0.y != nil } }
}
