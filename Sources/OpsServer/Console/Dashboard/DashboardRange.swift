import Foundation

/// The time windows the dashboard offers (`?range=1h|24h|7d`), each cut into 42–60 buckets.
public enum DashboardRange: String, Sendable, CaseIterable {
    case hour = "1h"
    case day = "24h"
    case week = "7d"

    /// How far back the window reaches.
    public var duration: TimeInterval {
        switch self {
        case .hour: return 3_600
        case .day: return 86_400
        case .week: return 7 * 86_400
        }
    }

    /// The width of one bucket: 1 minute, 30 minutes or 4 hours.
    public var bucketSeconds: TimeInterval {
        switch self {
        case .hour: return 60
        case .day: return 1_800
        case .week: return 14_400
        }
    }

    /// 60, 48 or 42.
    public var bucketCount: Int { Int(duration / bucketSeconds) }

    /// What the range selector shows.
    public var label: String {
        switch self {
        case .hour: return "Last hour"
        case .day: return "Last 24 hours"
        case .week: return "Last 7 days"
        }
    }

    /// The range named by a query parameter; the 24-hour view when absent or unknown.
    public init(query: String?) {
        self = query.flatMap(DashboardRange.init(rawValue:)) ?? .day
    }

    /// The window ending at the bucket boundary at or after `now`, so buckets stay put between reloads.
    public func window(endingAround now: Date) -> (from: Date, to: Date) {
        let end = (now.timeIntervalSince1970 / bucketSeconds).rounded(.up) * bucketSeconds
        // A `now` exactly on a boundary still gets a bucket that contains it.
        let adjustedEnd = end == now.timeIntervalSince1970 ? end + bucketSeconds : end
        let to = Date(timeIntervalSince1970: adjustedEnd)
        return (to.addingTimeInterval(-duration), to)
    }
}
