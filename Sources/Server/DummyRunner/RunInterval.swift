import Foundation

/// One report line's figures (a line every 10 s): printed, kept in the `--json` summary and drawn
/// by `--svg`.
struct RunInterval: Codable, Equatable, Sendable {
    /// The interval's end, in seconds since the run began.
    var seconds: Double
    /// Whether the interval was before the measured window (bots still logging in).
    var ramp: Bool
    /// Bots logged in at its end.
    var loggedIn: Int
    /// Actions and command lines started, per second.
    var actionsPerSecond: Double
    var commandsPerSecond: Double
    /// Command round trips in the interval (milliseconds).
    var roundTrip: LatencySummary
    /// Lag probes in the interval: send to answer (milliseconds).
    var lag: LatencySummary
    /// Errors in the interval (timeouts, failed connections, disconnects, skipped actions).
    var errors: Int

    /// The figures of `seconds` of `statistics`' current interval, ending `end` seconds into the run.
    init(end: Double, seconds: Double, loggedIn: Int, statistics: RunStatistics) {
        let counters = statistics.interval
        func rate(_ count: Int) -> Double { (Double(count) / max(0.001, seconds) * 1000).rounded() / 1000 }
        self.seconds = (end * 1000).rounded() / 1000
        ramp = !statistics.recording
        self.loggedIn = loggedIn
        actionsPerSecond = rate(counters.actions)
        commandsPerSecond = rate(counters.commands)
        roundTrip = LatencySummary(statistics.intervalLatency.roundTrip)
        lag = LatencySummary(statistics.intervalLatency.lagTotal)
        errors = counters.errors
    }

    /// The line printed for it, for a run of `bots` bots.
    func line(bots: Int) -> String {
        String(format: "[%6.1fs]%@ %d/%d logged in | %.1f actions/s %.1f cmds/s | rtt ms p50 %.2f p99 %.2f "
                + "p99.9 %.2f max %.2f | lag ms p50 %.2f p99 %.2f max %.2f | errors %d",
               seconds, ramp ? " (ramp)" : "", loggedIn, bots, actionsPerSecond, commandsPerSecond,
               roundTrip.p50, roundTrip.p99, roundTrip.p999, roundTrip.max, lag.p50, lag.p99, lag.max, errors)
    }
}
