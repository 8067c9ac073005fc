import Histogram

/// Latency histograms (HdrHistogram, microseconds) for command round trips and lag probes.
struct LatencyBook: Sendable {
    /// Round trips from the moment a command was sent.
    var roundTrip = LatencyBook.histogram()
    /// Round trips from the moment the command was scheduled (corrected for coordinated omission).
    var roundTripCorrected = LatencyBook.histogram()
    /// Lag probes: send to answer.
    var lagTotal = LatencyBook.histogram()
    /// Lag probes: send to server receive.
    var lagInbound = LatencyBook.histogram()
    /// Lag probes: server receive to answer.
    var lagOutbound = LatencyBook.histogram()
    /// Lag probes from the scheduled send time.
    var lagCorrected = LatencyBook.histogram()
    /// Sums of the probe lags in seconds, for Evennia's averages.
    private(set) var lagSums = (total: 0.0, inbound: 0.0, outbound: 0.0)
    /// Probes answered.
    private(set) var probes = 0

    /// Records a command's round trip and its corrected round trip, in seconds.
    mutating func recordRoundTrip(_ seconds: Double, corrected: Double) {
        roundTrip.record(Self.micros(seconds))
        roundTripCorrected.record(Self.micros(max(seconds, corrected)))
    }

    /// Records a probe's lags; `lateness` is how late the probe was sent after its scheduled time.
    mutating func recordProbe(_ probe: LagProbe, lateness: Double) {
        lagTotal.record(Self.micros(probe.total))
        lagInbound.record(Self.micros(probe.inbound))
        lagOutbound.record(Self.micros(probe.outbound))
        lagCorrected.record(Self.micros(probe.total + max(0, lateness)))
        lagSums.total += probe.total
        lagSums.inbound += probe.inbound
        lagSums.outbound += probe.outbound
        probes += 1
    }

    /// Evennia's averages: mean inbound, outbound and total probe lag in milliseconds.
    var averageLagMilliseconds: (total: Double, inbound: Double, outbound: Double) {
        guard probes > 0 else { return (0, 0, 0) }
        let count = Double(probes)
        return (lagSums.total / count * 1000, lagSums.inbound / count * 1000, lagSums.outbound / count * 1000)
    }

    /// Empties every histogram.
    mutating func reset() {
        self = LatencyBook()
    }

    private static func histogram() -> Histogram<UInt64> {
        Histogram(lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: .three)
    }

    /// Seconds as whole microseconds, clamped to what the histograms hold.
    static func micros(_ seconds: Double) -> UInt64 {
        UInt64(min(3_600_000_000, max(0, (seconds * 1_000_000).rounded())))
    }
}

/// Percentiles of one histogram, in milliseconds.
struct LatencySummary: Codable, Equatable, Sendable {
    /// Values recorded.
    var count: UInt64
    /// Median.
    var p50: Double
    /// 90th percentile.
    var p90: Double
    /// 99th percentile.
    var p99: Double
    /// 99.9th percentile.
    var p999: Double
    /// Largest value.
    var max: Double
    /// Mean.
    var mean: Double

    /// The summary of `histogram` (microsecond values) in milliseconds, rounded to microseconds.
    init(_ histogram: Histogram<UInt64>) {
        count = histogram.totalCount
        func ms(_ micros: UInt64) -> Double { Double(micros) / 1000 }
        let empty = histogram.totalCount == 0
        p50 = empty ? 0 : ms(histogram.valueAtPercentile(50))
        p90 = empty ? 0 : ms(histogram.valueAtPercentile(90))
        p99 = empty ? 0 : ms(histogram.valueAtPercentile(99))
        p999 = empty ? 0 : ms(histogram.valueAtPercentile(99.9))
        max = empty ? 0 : ms(histogram.max)
        mean = empty ? 0 : histogram.mean.rounded() / 1000
    }
}
