/// One interval's durations in nanoseconds, in HdrHistogram's log-linear layout, with its answers:
/// the same buckets, percentiles, max and mean as the `Histogram` package's `Histogram<UInt64>`
/// (a test holds them equal), specialised to `UInt64` counts.
///
/// The server empties and summarises several of these every second. The package's histogram is
/// generic and not inlinable there, so its reset and mean walked every bucket through generic
/// code; this one is plain arrays, remembers the lowest and highest buckets used, and so empties
/// and summarises only the range that holds values, all percentiles in one walk.
struct IntervalHistogram: Sendable {
    private let unitMagnitude: Int
    private let subBucketHalfCountMagnitude: Int
    private let subBucketHalfCount: Int
    private let subBucketCount: Int
    private let subBucketMask: UInt64
    private let leadingZeroCountBase: Int
    private var counts: [UInt64]
    /// Values recorded since the last reset.
    private(set) var totalCount: UInt64 = 0
    private var maxValue: UInt64 = 0
    private var minNonZeroValue: UInt64 = .max
    /// The lowest index of `counts` that may be non-zero (`Int.max`: none).
    private var lowestIndex = Int.max
    /// The highest index of `counts` that may be non-zero (-1: none).
    private var highestIndex = -1

    /// A histogram resolving `significantDigits` decimal digits above `lowestDiscernibleValue`,
    /// sized for values up to `highestTrackableValue` and growing for larger ones.
    init(lowestDiscernibleValue: UInt64, highestTrackableValue: UInt64, significantDigits: Int) {
        precondition(lowestDiscernibleValue >= 1 && lowestDiscernibleValue * 2 <= highestTrackableValue)
        precondition((1...5).contains(significantDigits))
        var largestSingleUnit: UInt64 = 2
        for _ in 0..<significantDigits { largestSingleUnit *= 10 }
        unitMagnitude = UInt64.bitWidth - 1 - lowestDiscernibleValue.leadingZeroBitCount
        // The power of two at or above largestSingleUnit (2 x 10^digits is never a power of two).
        let subBucketCountMagnitude = UInt64.bitWidth - (largestSingleUnit - 1).leadingZeroBitCount
        subBucketHalfCountMagnitude = Swift.max(subBucketCountMagnitude, 1) - 1
        subBucketCount = 1 << subBucketCountMagnitude
        subBucketHalfCount = subBucketCount / 2
        subBucketMask = UInt64(subBucketCount - 1) << unitMagnitude
        leadingZeroCountBase = UInt64.bitWidth - unitMagnitude - subBucketCountMagnitude
        counts = [UInt64](repeating: 0, count: Self.countsLength(
            covering: highestTrackableValue, subBucketCount: subBucketCount, unitMagnitude: unitMagnitude))
    }

    mutating func record(_ value: UInt64) {
        let index = countsIndex(value)
        if index >= counts.count {
            let length = Self.countsLength(covering: value, subBucketCount: subBucketCount, unitMagnitude: unitMagnitude)
            counts.append(contentsOf: repeatElement(0, count: length - counts.count))
        }
        counts[index] &+= 1
        totalCount &+= 1
        lowestIndex = Swift.min(lowestIndex, index)
        highestIndex = Swift.max(highestIndex, index)
        maxValue = Swift.max(maxValue, value)
        if value != 0 { minNonZeroValue = Swift.min(minNonZeroValue, value) }
    }

    /// Records `value` and, when it exceeds `expectedInterval`, the values a steady sampler would
    /// have seen while it was held up (HdrHistogram's correction for coordinated omission).
    mutating func recordCorrectedValue(_ value: UInt64, expectedInterval: UInt64) {
        record(value)
        guard expectedInterval > 0, value > expectedInterval else { return }
        var missing = value - expectedInterval
        while missing >= expectedInterval {
            record(missing)
            missing -= expectedInterval
        }
    }

    /// Empties the histogram, keeping its storage (only the range used is cleared).
    mutating func reset() {
        if let used {
            counts.withUnsafeMutableBufferPointer { buffer in
                UnsafeMutableBufferPointer(rebasing: buffer[used]).update(repeating: 0)
            }
        }
        lowestIndex = .max
        highestIndex = -1
        totalCount = 0
        maxValue = 0
        minNonZeroValue = .max
    }

    /// The largest value recorded, as the highest value of its bucket (0 when empty).
    var max: UInt64 {
        maxValue == 0 ? 0 : highestEquivalent(maxValue)
    }

    /// The mean, counting each value as the middle of its bucket (0 when empty).
    var mean: Double {
        guard totalCount > 0, let used else { return 0 }
        var total = 0.0
        counts.withUnsafeBufferPointer { counts in
            for index in used where counts[index] > 0 {
                total += Double(medianEquivalent(valueFromIndex(index))) * Double(counts[index])
            }
        }
        return total / Double(totalCount)
    }

    /// The largest value that `100 - percentile` % of the values are at or above (HdrHistogram's
    /// `valueAtPercentile`, bucket-rounded up); 0 when empty.
    func valueAtPercentile(_ percentile: Double) -> UInt64 {
        valuesAtPercentiles([percentile])[0]
    }

    /// `valueAtPercentile` of each of `percentiles` (in any order), found in one walk over the
    /// buckets in use.
    func valuesAtPercentiles(_ percentiles: [Double]) -> [UInt64] {
        var values = [UInt64](repeating: 0, count: percentiles.count)
        // The running count each percentile waits for, and where its answer goes.
        var wanted: [(count: UInt64, slot: Int)] = []
        for (slot, percentile) in percentiles.enumerated() {
            if percentile == 0 {
                values[slot] = lowest
            } else if !(percentile < 100) {
                values[slot] = maxValue
            } else {
                let requested = Swift.min(Swift.max(percentile.nextDown, 0), 100)
                wanted.append((Swift.max(1, UInt64((requested * Double(totalCount) / 100).rounded(.up))), slot))
            }
        }
        guard !wanted.isEmpty, let used else { return values }
        wanted.sort { $0.count < $1.count }
        var index = used.lowerBound
        var running = counts[index]
        counts.withUnsafeBufferPointer { counts in
            for (count, slot) in wanted {
                while running < count, index < used.upperBound {
                    index += 1
                    running += counts[index]
                }
                guard running >= count else { return }
                values[slot] = Swift.max(Swift.min(highestEquivalent(valueFromIndex(index)), maxValue), lowest)
            }
        }
        return values
    }

    /// The indexes of `counts` that may be non-zero (nil when none).
    private var used: ClosedRange<Int>? {
        highestIndex >= 0 ? lowestIndex...highestIndex : nil
    }

    private var lowest: UInt64 {
        (totalCount == 0 || counts[0] > 0) ? 0 : minNonZeroValue
    }

    private func bucketIndex(_ value: UInt64) -> Int {
        leadingZeroCountBase - (value | subBucketMask).leadingZeroBitCount
    }

    private func countsIndex(_ value: UInt64) -> Int {
        let bucket = bucketIndex(value)
        let subBucket = Int(value >> (bucket + unitMagnitude))
        return ((bucket + 1) << subBucketHalfCountMagnitude) + (subBucket - subBucketHalfCount)
    }

    private func valueFromIndex(_ index: Int) -> UInt64 {
        var bucket = (index >> subBucketHalfCountMagnitude) - 1
        var subBucket = (index & (subBucketHalfCount - 1)) + subBucketHalfCount
        if bucket < 0 {
            subBucket -= subBucketHalfCount
            bucket = 0
        }
        return UInt64(subBucket) << (bucket + unitMagnitude)
    }

    /// The first value of `value`'s bucket and the bucket's width.
    private func equivalentRange(_ value: UInt64) -> (lowest: UInt64, size: UInt64) {
        let bucket = bucketIndex(value)
        let subBucket = Int(value >> (bucket + unitMagnitude))
        let size = UInt64(1) << (unitMagnitude + bucket + (subBucket >= subBucketCount ? 1 : 0))
        return (UInt64(subBucket) << (bucket + unitMagnitude), size)
    }

    private func highestEquivalent(_ value: UInt64) -> UInt64 {
        let range = equivalentRange(value)
        return range.lowest + range.size - 1
    }

    private func medianEquivalent(_ value: UInt64) -> UInt64 {
        let range = equivalentRange(value)
        return range.lowest + range.size >> 1
    }

    /// The counts array's length for buckets that reach past `value`.
    private static func countsLength(covering value: UInt64, subBucketCount: Int, unitMagnitude: Int) -> Int {
        var smallestUntrackable = UInt64(subBucketCount) << unitMagnitude
        var buckets = 1
        while smallestUntrackable <= value {
            if smallestUntrackable > UInt64.max / 2 { buckets += 1; break }
            smallestUntrackable <<= 1
            buckets += 1
        }
        return (buckets + 1) * (subBucketCount / 2)
    }
}
