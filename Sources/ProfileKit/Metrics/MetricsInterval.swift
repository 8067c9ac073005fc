/// What the hot path records during one interval (guarded by the collector's lock, then swapped out
/// whole at rollover so summarising never blocks recording).
struct MetricsInterval: Sendable {
    /// Distinct command names kept per interval; further names are counted under `otherCommands`.
    static let commandNameLimit = 256
    /// The name the overflow is reported under.
    static let otherCommands = "(other)"
    /// Durations above this are clamped (one hour, in nanoseconds).
    static let longestDuration: UInt64 = 3_600_000_000_000

    /// One command name's latencies.
    struct CommandAccumulator: Sendable {
        var count = 0
        var totalNanoseconds: UInt64 = 0
        var latency = MetricsInterval.histogram(digits: 2)
    }

    var commandLatency = MetricsInterval.histogram(digits: 3)
    var commands: [String: CommandAccumulator] = [:]
    /// Names recorded in this interval (the limit counts these, not emptied ones kept for reuse).
    private var liveCommandNames = 0
    var executorLag = MetricsInterval.histogram(digits: 3)
    var ticks = 0
    var missedTicks = 0
    var tickPeriodNanoseconds: Int64 = 0
    var commitLatency = MetricsInterval.histogram(digits: 3)
    var commits = 0
    var failedCommits = 0
    var writes = 0
    var largestBatch = 0

    /// A growing histogram of nanoseconds that resolves to about a microsecond.
    static func histogram(digits: Int) -> IntervalHistogram {
        IntervalHistogram(lowestDiscernibleValue: 1_000, highestTrackableValue: 2_000_000, significantDigits: digits)
    }

    /// Clamps a duration in nanoseconds into the histograms' range.
    static func clamp(_ nanoseconds: Int64) -> UInt64 {
        nanoseconds <= 0 ? 0 : min(UInt64(nanoseconds), longestDuration)
    }

    mutating func recordCommand(name: String, nanoseconds: UInt64) {
        commandLatency.record(nanoseconds)
        // One lookup for a name already in the table (nearly every command under a steady load).
        if let index = commands.index(forKey: name),
           commands.values[index].count > 0 || liveCommandNames < Self.commandNameLimit {
            if commands.values[index].record(nanoseconds) { liveCommandNames += 1 }
            return
        }
        let key = liveCommandNames < Self.commandNameLimit ? name : Self.otherCommands
        if commands[key, default: CommandAccumulator()].record(nanoseconds) { liveCommandNames += 1 }
    }

    /// Empties the interval, keeping the histograms' storage: the names used in it keep their
    /// (emptied) accumulators, so a steady load allocates none on the game thread; names it did not
    /// use are dropped, so the table holds at most two intervals' names.
    mutating func reset() {
        commandLatency.reset()
        if commands.values.contains(where: { $0.count == 0 }) {
            commands = commands.filter { $0.value.count > 0 }
        }
        liveCommandNames = 0
        // By index, not over `commands.keys`: the keys view would share the dictionary's storage,
        // so the first change would copy the dictionary, and each reset then its histogram's counts.
        var index = commands.startIndex
        while index != commands.endIndex {
            commands.values[index].reset()
            index = commands.index(after: index)
        }
        executorLag.reset()
        commitLatency.reset()
        ticks = 0
        missedTicks = 0
        commits = 0
        failedCommits = 0
        writes = 0
        largestBatch = 0
    }

    /// The `limit` command names with the most total time, ties by name.
    func slowestCommands(limit: Int) -> [SlowCommand] {
        commands.filter { $0.value.count > 0 }.map { name, entry in
            SlowCommand(name: name, count: entry.count, totalSeconds: Double(entry.totalNanoseconds) / 1e9,
                        p99Seconds: Double(entry.latency.valueAtPercentile(99)) / 1e9)
        }
        .sorted { $0.totalSeconds != $1.totalSeconds ? $0.totalSeconds > $1.totalSeconds : $0.name < $1.name }
        .prefix(limit).map { $0 }
    }
}

extension MetricsInterval.CommandAccumulator {
    /// Records one latency; true if it is the accumulator's first since it was emptied.
    @discardableResult
    mutating func record(_ nanoseconds: UInt64) -> Bool {
        defer { count += 1 }
        totalNanoseconds &+= nanoseconds
        latency.record(nanoseconds)
        return count == 0
    }

    mutating func reset() {
        count = 0
        totalNanoseconds = 0
        latency.reset()
    }
}
