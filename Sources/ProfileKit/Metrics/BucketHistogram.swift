/// A cumulative histogram with fixed upper bounds, in seconds: the shape Prometheus scrapes
/// (`_bucket{le=...}`, `_sum`, `_count`). Counts never reset while the server runs.
public struct BucketHistogram: Sendable, Equatable {
    /// Upper bounds of the finite buckets, ascending, in seconds (`+Inf` is implied).
    public let upperBounds: [Double]
    /// Observations per bucket (not cumulative); one more entry than `upperBounds`, the last for `+Inf`.
    public private(set) var counts: [UInt64]
    /// The sum of all observations, in seconds.
    public private(set) var sum: Double = 0
    /// All observations.
    public private(set) var count: UInt64 = 0

    /// Bounds for command latency and executor lag: 100 µs to 10 s.
    public static let latencyBounds: [Double] = [
        0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
    ]

    /// An empty histogram with the given ascending bounds.
    public init(upperBounds: [Double] = BucketHistogram.latencyBounds) {
        precondition(zip(upperBounds, upperBounds.dropFirst()).allSatisfy { $0 < $1 }, "bounds must ascend")
        self.upperBounds = upperBounds
        self.counts = Array(repeating: 0, count: upperBounds.count + 1)
    }

    /// Counts one observation of `seconds`.
    public mutating func observe(_ seconds: Double, count times: UInt64 = 1) {
        var low = 0
        var high = upperBounds.count
        while low < high {
            let mid = (low + high) / 2
            if seconds <= upperBounds[mid] { high = mid } else { low = mid + 1 }
        }
        counts[low] &+= times
        sum += seconds * Double(times)
        count &+= times
    }

    /// Cumulative counts per finite bound, then `+Inf` (equal to `count`): Prometheus's `le` buckets.
    public var cumulativeCounts: [UInt64] {
        var running: UInt64 = 0
        return counts.map { running &+= $0; return running }
    }
}
