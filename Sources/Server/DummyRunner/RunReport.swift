import Foundation
import Histogram

/// The summary of a run: what `--json` writes (shape documented in share/doc/dummyrunner-json.md).
struct RunReport: Codable, Equatable, Sendable {
    /// Probe lags, in milliseconds.
    struct Lag: Codable, Equatable, Sendable {
        /// Send to answer.
        var total: LatencySummary
        /// Send to server receive.
        var inbound: LatencySummary
        /// Server receive to answer.
        var outbound: LatencySummary
        /// Send to answer, measured from the scheduled send time.
        var totalCorrected: LatencySummary
    }

    /// Evennia's averages: mean probe lags in milliseconds.
    struct Averages: Codable, Equatable, Sendable {
        /// Mean total lag.
        var totalMs: Double
        /// Mean inbound lag.
        var inboundMs: Double
        /// Mean outbound lag.
        var outboundMs: Double
    }

    /// Error counts by kind.
    struct Errors: Codable, Equatable, Sendable {
        /// Replies that never came.
        var timeouts: Int
        /// Connections that failed.
        var connectFailures: Int
        /// Connections the server closed.
        var disconnects: Int
        /// Actions skipped because a bot was too far behind.
        var skipped: Int

        /// Every kind added up.
        var total: Int { timeouts + connectFailures + disconnects + skipped }
    }

    /// The profile's name.
    var profile: String
    /// Bots run.
    var bots: Int
    /// Bots logged in when the run ended.
    var loggedIn: Int
    /// Seconds per tick.
    var tick: Double
    /// Seconds the ramp took (0 without --ramp).
    var ramp: Double
    /// Seconds measured (after the ramp).
    var measuredSeconds: Double
    /// Actions started while measuring.
    var actions: Int
    /// Actions per second.
    var actionsPerSecond: Double
    /// Command lines sent while measuring.
    var commands: Int
    /// Command lines per second.
    var commandsPerSecond: Double
    /// Replies received while measuring.
    var replies: Int
    /// Of those, replies the server marked as the end of their line's output (telnet EOR): exact
    /// whatever other output came first. The others were taken to be the first output after their
    /// command (a lag probe's, its echo).
    var markedReplies: Int
    /// Replies refusing a command (`not available`, `not allowed`): expected for moves through exits
    /// that are elsewhere, as in Evennia's move action.
    var rejected: Int
    /// Of those, replies saying the bot's account may not use the command (`not allowed`): a
    /// builder profile against a server not in profiling mode.
    var notAllowed: Int
    /// Errors by kind (counted over the whole run, ramp included).
    var errors: Errors
    /// Actions run, by name.
    var actionCounts: [String: Int]
    /// Command round trips, send to reply (ms): to the server's end-of-record mark where it marks
    /// replies (one write with the reply's first byte), else to the first output after the command.
    var roundTrip: LatencySummary
    /// Command round trips from the scheduled send time (ms; coordinated omission corrected).
    var roundTripCorrected: LatencySummary
    /// Lag probes.
    var lag: Lag
    /// Evennia's averages.
    var evenniaAverages: Averages
    /// One point of a percentile spectrum.
    struct PercentilePoint: Codable, Equatable, Sendable {
        /// The percentile (100: the largest).
        var percentile: Double
        /// The latency at it, and the latency corrected for coordinated omission (milliseconds).
        var ms: Double
        var correctedMs: Double
    }
    /// The measured window's round trips at `spectrumPercentiles`.
    var roundTripPercentiles: [PercentilePoint]
    /// The measured window's lag probes (total lag) at `spectrumPercentiles`.
    var lagPercentiles: [PercentilePoint]
    /// The report lines' figures, ramp included.
    var intervals: [RunInterval]

    /// The percentiles of `roundTripPercentiles` and `lagPercentiles`: evenly spaced on the scale of 1 / (1 - p), the
    /// scale an HdrHistogram percentile plot uses.
    static let spectrumPercentiles: [Double] = [0, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 99.995, 99.999, 100]

    /// The report of `statistics` over `seconds` of measuring, with the report lines' `intervals`.
    init(profile: RunnerProfile, bots: Int, loggedIn: Int, ramp: Double, seconds: Double, statistics: RunStatistics,
         intervals: [RunInterval] = []) {
        let total = statistics.total
        let book = statistics.totalLatency
        func rate(_ count: Int) -> Double { seconds > 0 ? (Double(count) / seconds * 1000).rounded() / 1000 : 0 }
        self.profile = profile.name
        self.bots = bots
        self.loggedIn = loggedIn
        self.tick = profile.tick
        self.ramp = ramp
        self.measuredSeconds = (seconds * 1000).rounded() / 1000
        self.actions = total.actions
        self.actionsPerSecond = rate(total.actions)
        self.commands = total.commands
        self.commandsPerSecond = rate(total.commands)
        self.replies = total.replies
        self.markedReplies = total.markedReplies
        self.rejected = total.rejected
        self.notAllowed = total.notAllowed
        self.errors = Errors(timeouts: total.timeouts, connectFailures: total.connectFailures,
                             disconnects: total.disconnects, skipped: total.skipped)
        self.actionCounts = statistics.actionCounts
        self.roundTrip = LatencySummary(book.roundTrip)
        self.roundTripCorrected = LatencySummary(book.roundTripCorrected)
        self.lag = Lag(total: LatencySummary(book.lagTotal), inbound: LatencySummary(book.lagInbound),
                       outbound: LatencySummary(book.lagOutbound), totalCorrected: LatencySummary(book.lagCorrected))
        let averages = book.averageLagMilliseconds
        func round(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
        self.evenniaAverages = Averages(totalMs: round(averages.total), inboundMs: round(averages.inbound),
                                        outboundMs: round(averages.outbound))
        roundTripPercentiles = Self.spectrum(book.roundTrip, corrected: book.roundTripCorrected)
        lagPercentiles = Self.spectrum(book.lagTotal, corrected: book.lagCorrected)
        self.intervals = intervals
    }

    /// `raw` and `corrected` (microsecond histograms of the same samples) at `spectrumPercentiles`;
    /// empty without samples.
    private static func spectrum(_ raw: Histogram<UInt64>, corrected: Histogram<UInt64>) -> [PercentilePoint] {
        guard raw.totalCount > 0 else { return [] }
        return spectrumPercentiles.map { percentile in
            func ms(_ histogram: Histogram<UInt64>) -> Double {
                Double(percentile == 100 ? histogram.max : histogram.valueAtPercentile(percentile)) / 1000
            }
            return PercentilePoint(percentile: percentile, ms: ms(raw), correctedMs: ms(corrected))
        }
    }

    /// The JSON text (sorted keys, so the same run always prints the same way).
    func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }

    /// The final summary as text.
    func rendered() -> String {
        func row(_ name: String, _ summary: LatencySummary) -> String {
            let cells = [summary.p50, summary.p90, summary.p99, summary.p999, summary.max, summary.mean]
                .map { String(format: "%9.3f", $0) }.joined()
            return name.padding(toLength: 24, withPad: " ", startingAt: 0) + cells + String(format: "%10d", summary.count)
        }
        var lines = [
            "dummyrunner summary: profile \(profile), \(bots) bots (\(loggedIn) logged in), tick \(tick) s, "
                + "measured \(String(format: "%.1f", measuredSeconds)) s" + (ramp > 0 ? " after a \(ramp) s ramp" : ""),
            String(format: "  actions %d (%.1f/s), commands %d (%.1f/s), replies %d (%d marked by the server, "
                       + "%d refused a command, %d of them not allowed)", actions, actionsPerSecond, commands,
                   commandsPerSecond, replies, markedReplies, rejected, notAllowed),
            "  errors: \(errors.timeouts) timeouts, \(errors.connectFailures) connect failures, "
                + "\(errors.disconnects) disconnects, \(errors.skipped) skipped actions",
            "  actions run: " + actionCounts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "),
            "  latency (ms)                 p50      p90      p99    p99.9      max     mean     count",
            row("  command round trip", roundTrip),
            row("    corrected (CO)", roundTripCorrected),
            row("  lag probe total", lag.total),
            row("    inbound", lag.inbound),
            row("    outbound", lag.outbound),
            row("    total corrected (CO)", lag.totalCorrected),
            String(format: "  Evennia's averages: lag %.3f ms (in %.3f ms, out %.3f ms)", evenniaAverages.totalMs,
                   evenniaAverages.inboundMs, evenniaAverages.outboundMs),
        ]
        lines.append("")
        return lines.joined(separator: "\n")
    }
}
