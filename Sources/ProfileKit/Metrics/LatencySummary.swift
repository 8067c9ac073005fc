/// Percentiles of one interval's durations, in seconds (HdrHistogram, three significant digits).
public struct LatencySummary: Codable, Sendable, Equatable {
    /// How many durations were recorded.
    public var count: Int
    /// Their mean.
    public var mean: Double
    /// The median.
    public var p50: Double
    /// The 90th percentile.
    public var p90: Double
    /// The 99th percentile.
    public var p99: Double
    /// The 99.9th percentile.
    public var p999: Double
    /// The largest.
    public var max: Double

    /// A summary from its figures.
    public init(count: Int, mean: Double, p50: Double, p90: Double, p99: Double, p999: Double, max: Double) {
        self.count = count
        self.mean = mean
        self.p50 = p50
        self.p90 = p90
        self.p99 = p99
        self.p999 = p999
        self.max = max
    }

    /// The summary of an interval in which nothing was recorded.
    public static let empty = LatencySummary(count: 0, mean: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0)

    /// The summary of a histogram of nanoseconds.
    init(nanoseconds histogram: IntervalHistogram) {
        guard histogram.totalCount > 0 else {
            self = .empty
            return
        }
        let seconds = histogram.valuesAtPercentiles([50, 90, 99, 99.9]).map { Double($0) / 1e9 }
        self.init(
            count: Int(histogram.totalCount), mean: histogram.mean / 1e9,
            p50: seconds[0], p90: seconds[1], p99: seconds[2], p999: seconds[3],
            max: Double(histogram.max) / 1e9)
    }
}
