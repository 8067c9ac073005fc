import Histogram
import Testing
import TestSupport
@testable import ProfileKit

/// The metrics' own histogram against the HdrHistogram package it replaces in the interval: same
/// answers on the same values.
@Suite("IntervalHistogram")
struct IntervalHistogramTests {
    static let percentiles: [Double] = [0, 0.1, 1, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.99, 99.999, 100]

    static func expectSame(_ mine: IntervalHistogram, _ package: Histogram<UInt64>, _ label: String,
                           sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(mine.totalCount == package.totalCount, "\(label)", sourceLocation: sourceLocation)
        #expect(mine.max == package.max, "\(label)", sourceLocation: sourceLocation)
        #expect(mine.mean == package.mean, "\(label)", sourceLocation: sourceLocation)
        for percentile in percentiles {
            #expect(mine.valueAtPercentile(percentile) == package.valueAtPercentile(percentile),
                    "\(label) p\(percentile)", sourceLocation: sourceLocation)
        }
        // All at once, in an order that is not ascending, from the same single walk.
        let shuffled = percentiles.reversed() + percentiles.filter { Int($0) % 2 == 1 }
        #expect(mine.valuesAtPercentiles(shuffled) == shuffled.map { package.valueAtPercentile($0) },
                "\(label) all at once", sourceLocation: sourceLocation)
    }

    static func pair(digits: Int) -> (IntervalHistogram, Histogram<UInt64>) {
        var package = Histogram<UInt64>(lowestDiscernibleValue: 1_000, highestTrackableValue: 2_000_000,
                                        numberOfSignificantValueDigits: digits == 2 ? .two : .three)
        package.autoResize = true
        return (IntervalHistogram(lowestDiscernibleValue: 1_000, highestTrackableValue: 2_000_000, significantDigits: digits),
                package)
    }

    @Test("same percentiles, max and mean as the package, over spreads from 0 to an hour", arguments: [2, 3])
    func matchesThePackage(digits: Int) {
        var random = SplitMix64(seed: UInt64(digits))
        let spreads: [(String, ClosedRange<UInt64>)] = [
            ("sub-microsecond", 0...999), ("microseconds", 1_000...100_000), ("milliseconds", 100_000...50_000_000),
            ("seconds", 1_000_000_000...60_000_000_000), ("up to an hour", 0...3_600_000_000_000),
        ]
        for (name, spread) in spreads {
            for count in [1, 2, 7, 100, 5_000] {
                var (mine, package) = Self.pair(digits: digits)
                for _ in 0..<count {
                    // Log-uniform within the spread, so every bucket range gets values.
                    let bits = UInt64.random(in: 0...UInt64(64 - spread.upperBound.leadingZeroBitCount), using: &random)
                    let value = Swift.min(spread.upperBound, spread.lowerBound + UInt64.random(in: 0...(UInt64(1) << bits) - 1, using: &random))
                    mine.record(value)
                    package.record(value)
                }
                Self.expectSame(mine, package, "\(name) x \(count)")
            }
        }
    }

    @Test("coordinated-omission correction adds the same hidden values")
    func corrected() {
        var (mine, package) = Self.pair(digits: 3)
        for lateness: UInt64 in [0, 5_000, 99_999_999, 100_000_000, 100_000_001, 750_000_000, 3_000_000_000] {
            mine.recordCorrectedValue(lateness, expectedInterval: 100_000_000)
            package.recordCorrectedValue(lateness, expectedInterval: 100_000_000)
        }
        Self.expectSame(mine, package, "corrected")
        #expect(mine.totalCount == 42)  // 5 on time; 750 ms hides 6 ticks, 3 s hides 29
    }

    @Test("a reset histogram is empty and, refilled, answers as a fresh one")
    func reset() {
        var (mine, _) = Self.pair(digits: 3)
        let empty = mine
        for value: UInt64 in [3_000, 70_000_000, 2_000_000_000_000] { mine.record(value) }
        mine.reset()
        #expect(mine.totalCount == 0 && mine.max == 0 && mine.mean == 0)
        #expect(Self.percentiles.allSatisfy { mine.valueAtPercentile($0) == empty.valueAtPercentile($0) })
        var (fresh, package) = Self.pair(digits: 3)
        for value: UInt64 in [12_000, 12_500, 800_000] {
            mine.record(value)
            fresh.record(value)
            package.record(value)
        }
        Self.expectSame(mine, package, "refilled")
        Self.expectSame(fresh, package, "fresh")
    }
}
