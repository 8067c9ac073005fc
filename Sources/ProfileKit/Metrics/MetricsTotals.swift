/// Counters since the server started, for Prometheus (which wants monotonic counters and cumulative
/// histograms, not per-interval figures).
public struct MetricsTotals: Sendable, Equatable {
    /// Commands completed.
    public var commands: UInt64 = 0
    /// User-mode CPU time of the process, in seconds.
    public var cpuUserSeconds: Double = 0
    /// Kernel-mode CPU time of the process, in seconds.
    public var cpuSystemSeconds: Double = 0
    /// Bytes received from clients.
    public var bytesIn: UInt64 = 0
    /// Bytes sent to clients.
    public var bytesOut: UInt64 = 0
    /// Rows written to the database.
    public var databaseWrites: UInt64 = 0
    /// Transactions the database refused.
    public var databaseFailedCommits: UInt64 = 0
    /// Cache lookups served from memory.
    public var cacheHits: UInt64 = 0
    /// Cache lookups that loaded from the database.
    public var cacheLoads: UInt64 = 0
    /// Objects evicted from the cache.
    public var cacheEvictions: UInt64 = 0
    /// Executor deadlines skipped.
    public var missedTicks: UInt64 = 0
    /// Command latency, line received to reply written.
    public var commandLatency = BucketHistogram()
    /// Executor tick lateness (corrected for coordinated omission).
    public var executorLag = BucketHistogram()
    /// Database commit latency (one observation per transaction).
    public var commitLatency = BucketHistogram()

    /// All zero.
    public init() {}
}
