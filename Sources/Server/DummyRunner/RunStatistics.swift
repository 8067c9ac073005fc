/// What a run has counted: for the whole measured window and for the current 10-second interval.
struct RunStatistics: Sendable {
    /// Counters that both the interval and the whole run keep.
    struct Counters: Sendable, Equatable {
        /// Actions started.
        var actions = 0
        /// Command lines sent.
        var commands = 0
        /// Replies that arrived.
        var replies = 0
        /// Replies the server marked as the end of their line's output (telnet EOR); the others were
        /// taken to be the first output after their command.
        var markedReplies = 0
        /// Replies that refused the command (`not available`, `not allowed`); not an error: Evennia's
        /// move action tries every exit the bot made, and most are elsewhere.
        var rejected = 0
        /// Of those, replies saying the account may not use the command (`You are not allowed`).
        var notAllowed = 0
        /// Replies that did not come within the reply timeout.
        var timeouts = 0
        /// Connections that could not be made.
        var connectFailures = 0
        /// Connections the server closed while the bot was playing.
        var disconnects = 0
        /// Actions dropped because the bot was too far behind.
        var skipped = 0

        /// Every kind of error added up.
        var errors: Int { timeouts + connectFailures + disconnects + skipped }
    }

    /// Whether measurements are kept (false during the ramp).
    var recording = true
    /// Counters of the measured window.
    var total = Counters()
    /// Counters since the last interval line.
    var interval = Counters()
    /// Latencies of the measured window.
    var totalLatency = LatencyBook()
    /// Latencies since the last interval line.
    var intervalLatency = LatencyBook()
    /// Runs of each action, by name.
    var actionCounts: [String: Int] = [:]
    /// The first reply that said an account may not use a command (ramp included).
    private(set) var firstNotAllowed: String?

    /// Adds one to a work counter (actions, commands, replies) while recording.
    mutating func count(_ counter: WritableKeyPath<Counters, Int>) {
        guard recording else { return }
        total[keyPath: counter] += 1
        interval[keyPath: counter] += 1
    }

    /// Adds one to an error counter, during the ramp too.
    mutating func countError(_ counter: WritableKeyPath<Counters, Int>) {
        total[keyPath: counter] += 1
        interval[keyPath: counter] += 1
    }

    /// Counts a reply saying the account may not use its command; keeps the first such line.
    mutating func countNotAllowed(_ line: String) {
        countError(\.notAllowed)
        if firstNotAllowed == nil { firstNotAllowed = line }
    }

    /// Counts a started action.
    mutating func countAction(_ name: String) {
        guard recording else { return }
        count(\.actions)
        actionCounts[name, default: 0] += 1
    }

    /// Records a command's round trip.
    mutating func recordRoundTrip(_ seconds: Double, corrected: Double) {
        guard recording else { return }
        totalLatency.recordRoundTrip(seconds, corrected: corrected)
        intervalLatency.recordRoundTrip(seconds, corrected: corrected)
    }

    /// Records a lag probe.
    mutating func recordProbe(_ probe: LagProbe, lateness: Double) {
        guard recording else { return }
        totalLatency.recordProbe(probe, lateness: lateness)
        intervalLatency.recordProbe(probe, lateness: lateness)
    }

    /// Starts a new interval.
    mutating func resetInterval() {
        interval = Counters()
        intervalLatency.reset()
    }
}
