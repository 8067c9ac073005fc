import Synchronization

/// The server's live measurements: many threads record into it, one timer rolls it over into a
/// `MetricsSnapshot` every second.
///
/// Recording is a relaxed atomic add (bytes, cache, gauges) or one short uncontended lock (latency
/// histograms). `rollover` swaps the interval's histograms out under the lock and summarises them
/// outside it, so the hot path never waits for percentiles.
public final class MetricsCollector: Sendable {
    /// How many slowest commands a snapshot lists.
    public static let slowestCommandLimit = 10

    let clock: MetricsClock
    let pid: Int
    let startNanoseconds: Int64
    let live = Mutex(LiveState())
    let rolling: Mutex<RolloverState>

    let bytesIn = Atomic<UInt64>(0)
    let bytesOut = Atomic<UInt64>(0)
    let cacheHits = Atomic<UInt64>(0)
    let cacheLoads = Atomic<UInt64>(0)
    let cacheEvictions = Atomic<UInt64>(0)
    let sessionsConnected = Atomic<Int>(0)
    let sessionsLoggedIn = Atomic<Int>(0)
    let databaseQueueDepth = Atomic<Int>(0)
    let databaseUnsavedWrites = Atomic<Int>(0)
    let cachedObjects = Atomic<Int>(0)

    /// What recording threads share: the open interval and the cumulative histograms.
    struct LiveState: Sendable {
        var interval = MetricsInterval()
        var commandLatency = BucketHistogram()
        var executorLag = BucketHistogram()
        var commitLatency = BucketHistogram()
        var commands: UInt64 = 0
        var databaseWrites: UInt64 = 0
        var databaseFailedCommits: UInt64 = 0
        var missedTicks: UInt64 = 0
    }

    /// A collector for process `pid` whose uptime starts now (by `clock`).
    public init(pid: Int, clock: MetricsClock = .system) {
        self.clock = clock
        self.pid = pid
        let now = clock.nanoseconds()
        self.startNanoseconds = now
        self.rolling = Mutex(RolloverState(lastRollover: now))
    }

    /// Records a command that took `latencyNanoseconds` from its line arriving to its reply being
    /// written. `name` is the resolved command name (the per-interval table keeps 256 names).
    public func recordCommand(name: String, latencyNanoseconds: Int64) {
        let value = MetricsInterval.clamp(latencyNanoseconds)
        live.withLock { state in
            state.interval.recordCommand(name: name, nanoseconds: value)
            state.commandLatency.observe(Double(value) / 1e9)
            state.commands &+= 1
        }
    }

    /// Records one executor tick as a `TickLagMeter` measured it.
    public func recordTick(_ outcome: TickOutcome) {
        let lateness = MetricsInterval.clamp(outcome.latenessNanoseconds)
        let period = UInt64(max(1, outcome.periodNanoseconds))
        live.withLock { state in
            state.interval.executorLag.recordCorrectedValue(lateness, expectedInterval: period)
            state.interval.ticks += 1
            state.interval.missedTicks += outcome.missed
            state.interval.tickPeriodNanoseconds = outcome.periodNanoseconds
            state.missedTicks &+= UInt64(outcome.missed)
            var hidden = lateness
            state.executorLag.observe(Double(hidden) / 1e9)
            while hidden >= 2 * period {
                hidden -= period
                state.executorLag.observe(Double(hidden) / 1e9)
            }
        }
    }

    /// Records a committed transaction of `writes` rows that took `latencyNanoseconds`.
    public func recordDatabaseCommit(writes: Int, latencyNanoseconds: Int64) {
        let value = MetricsInterval.clamp(latencyNanoseconds)
        live.withLock { state in
            state.interval.commitLatency.record(value)
            state.interval.commits += 1
            state.interval.writes += writes
            state.interval.largestBatch = max(state.interval.largestBatch, writes)
            state.commitLatency.observe(Double(value) / 1e9)
            state.databaseWrites &+= UInt64(max(0, writes))
        }
    }

    /// Counts a transaction the database refused, and sets how many writes now wait to be retried.
    public func recordDatabaseFailure(unsavedWrites: Int) {
        live.withLock { state in
            state.interval.failedCommits += 1
            state.databaseFailedCommits &+= 1
        }
        setDatabaseUnsavedWrites(unsavedWrites)
    }

    /// Sets how many writes of refused transactions wait to be retried.
    public func setDatabaseUnsavedWrites(_ count: Int) { databaseUnsavedWrites.store(count, ordering: .relaxed) }

    /// Counts bytes received from clients.
    public func recordBytesIn(_ count: Int) { bytesIn.wrappingAdd(UInt64(max(0, count)), ordering: .relaxed) }

    /// Counts bytes sent to clients.
    public func recordBytesOut(_ count: Int) { bytesOut.wrappingAdd(UInt64(max(0, count)), ordering: .relaxed) }

    /// Counts a cache lookup served from memory.
    public func recordCacheHit() { cacheHits.wrappingAdd(1, ordering: .relaxed) }

    /// Counts a cache lookup that loaded its object from the database.
    public func recordCacheLoad() { cacheLoads.wrappingAdd(1, ordering: .relaxed) }

    /// Counts objects evicted from the cache.
    public func recordCacheEvictions(_ count: Int) {
        cacheEvictions.wrappingAdd(UInt64(max(0, count)), ordering: .relaxed)
    }

    /// Sets the session gauges.
    public func setSessions(connected: Int, loggedIn: Int) {
        sessionsConnected.store(connected, ordering: .relaxed)
        sessionsLoggedIn.store(loggedIn, ordering: .relaxed)
    }

    /// Sets the number of writes waiting for a transaction.
    public func setDatabaseQueueDepth(_ depth: Int) { databaseQueueDepth.store(depth, ordering: .relaxed) }

    /// Sets the number of objects in the cache.
    public func setCachedObjects(_ count: Int) { cachedObjects.store(count, ordering: .relaxed) }
}
