/// Percentiles by the nearest-rank method: the smallest value with at least p% of the values at or
/// below it. It always returns a value that was observed (no interpolation), which is what people
/// expect when a p95 latency is quoted back to them, and it is exact for small samples.
public enum Percentile {
    /// The `p`-th percentile (0 < p ≤ 100) of `sorted` (ascending); nil when empty.
    public static func nearestRank(_ p: Double, ofSorted sorted: [Double]) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}
