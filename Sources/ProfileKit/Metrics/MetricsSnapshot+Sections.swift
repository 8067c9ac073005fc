/// CPU, memory, threads and uptime of the server process (from /proc, see `ProcessSampler`).
public struct ProcessFigures: Codable, Sendable, Equatable {
    /// The server's process id.
    public var pid: Int
    /// Seconds since the server started.
    public var uptimeSeconds: Double
    /// User-mode CPU over the interval, in percent of one core (200 means two cores busy).
    public var cpuUserPercent: Double
    /// Kernel-mode (system) CPU over the interval, in percent of one core.
    public var cpuSystemPercent: Double
    /// Threads in the process.
    public var threads: Int
    /// Memory figures.
    public var memory: MemoryFigures

    /// Figures from their parts.
    public init(pid: Int, uptimeSeconds: Double, cpuUserPercent: Double, cpuSystemPercent: Double,
                threads: Int, memory: MemoryFigures) {
        self.pid = pid
        self.uptimeSeconds = uptimeSeconds
        self.cpuUserPercent = cpuUserPercent
        self.cpuSystemPercent = cpuSystemPercent
        self.threads = threads
        self.memory = memory
    }

    enum CodingKeys: String, CodingKey {
        case pid
        case uptimeSeconds = "uptime_seconds"
        case cpuUserPercent = "cpu_user_percent"
        case cpuSystemPercent = "cpu_system_percent"
        case threads, memory
    }
}

/// The process's memory, in bytes, as the kernel reports it (0 where the kernel did not say).
public struct MemoryFigures: Codable, Sendable, Equatable {
    /// Resident set size (VmRSS).
    public var residentBytes: Int
    /// Virtual size (VmSize).
    public var virtualBytes: Int
    /// Peak resident set size (VmHWM).
    public var peakResidentBytes: Int
    /// Resident anonymous memory: heap and stacks (RssAnon).
    public var anonymousBytes: Int
    /// Resident file-backed memory: the binary and shared libraries (RssFile).
    public var fileBytes: Int
    /// Resident shared memory (RssShmem).
    public var sharedBytes: Int
    /// Data segment and heap, resident or not (VmData).
    public var dataBytes: Int
    /// Swapped out (VmSwap).
    public var swapBytes: Int

    /// Figures from their parts.
    public init(residentBytes: Int, virtualBytes: Int, peakResidentBytes: Int = 0, anonymousBytes: Int = 0,
                fileBytes: Int = 0, sharedBytes: Int = 0, dataBytes: Int = 0, swapBytes: Int = 0) {
        self.residentBytes = residentBytes
        self.virtualBytes = virtualBytes
        self.peakResidentBytes = peakResidentBytes
        self.anonymousBytes = anonymousBytes
        self.fileBytes = fileBytes
        self.sharedBytes = sharedBytes
        self.dataBytes = dataBytes
        self.swapBytes = swapBytes
    }

    enum CodingKeys: String, CodingKey {
        case residentBytes = "resident_bytes"
        case virtualBytes = "virtual_bytes"
        case peakResidentBytes = "peak_resident_bytes"
        case anonymousBytes = "anonymous_bytes"
        case fileBytes = "file_bytes"
        case sharedBytes = "shared_bytes"
        case dataBytes = "data_bytes"
        case swapBytes = "swap_bytes"
    }
}

/// Player commands: throughput over three windows and latency from line received to reply written.
public struct CommandFigures: Codable, Sendable, Equatable {
    /// Commands completed in this interval.
    public var count: Int
    /// Commands per second over the last second (this interval).
    public var perSecond1s: Double
    /// Commands per second over the last 10 seconds (fewer just after start).
    public var perSecond10s: Double
    /// Commands per second over the last 60 seconds (fewer just after start).
    public var perSecond60s: Double
    /// Latency of this interval's commands.
    public var latency: LatencySummary

    /// Figures from their parts.
    public init(count: Int, perSecond1s: Double, perSecond10s: Double, perSecond60s: Double, latency: LatencySummary) {
        self.count = count
        self.perSecond1s = perSecond1s
        self.perSecond10s = perSecond10s
        self.perSecond60s = perSecond60s
        self.latency = latency
    }

    enum CodingKeys: String, CodingKey {
        case count
        case perSecond1s = "per_second_1s"
        case perSecond10s = "per_second_10s"
        case perSecond60s = "per_second_60s"
        case latency
    }
}

/// How late the game executor's fixed-period tick ran (tick n is due at start + n x period).
public struct ExecutorFigures: Codable, Sendable, Equatable {
    /// The tick period, in seconds (0 when the server has reported no tick yet).
    public var periodSeconds: Double
    /// Ticks that ran in this interval.
    public var ticks: Int
    /// Deadlines skipped in this interval because a tick ran more than a period late.
    public var missedTicks: Int
    /// Lateness, corrected for coordinated omission: a tick k periods late also counts the k
    /// deadlines it hid, as if they had run late by k-1, k-2, ... periods.
    public var lag: LatencySummary

    /// Figures from their parts.
    public init(periodSeconds: Double, ticks: Int, missedTicks: Int, lag: LatencySummary) {
        self.periodSeconds = periodSeconds
        self.ticks = ticks
        self.missedTicks = missedTicks
        self.lag = lag
    }

    enum CodingKeys: String, CodingKey {
        case periodSeconds = "period_seconds"
        case ticks
        case missedTicks = "missed_ticks"
        case lag
    }
}

/// Sessions at the end of the interval.
public struct SessionFigures: Codable, Sendable, Equatable {
    /// Telnet connections open.
    public var connected: Int
    /// Of those, the ones logged in to an account.
    public var loggedIn: Int

    /// Figures from their parts.
    public init(connected: Int, loggedIn: Int) {
        self.connected = connected
        self.loggedIn = loggedIn
    }

    enum CodingKeys: String, CodingKey {
        case connected
        case loggedIn = "logged_in"
    }
}

/// The write-behind database queue: writes are batched into transactions off the game executor.
public struct DatabaseFigures: Codable, Sendable, Equatable {
    /// Rows written per second over the interval.
    public var writesPerSecond: Double
    /// Transactions committed in the interval.
    public var commits: Int
    /// Mean writes per committed transaction (0 with no commit).
    public var batchSizeMean: Double
    /// Largest batch committed in the interval.
    public var batchSizeMax: Int
    /// Commit latency (begin to durable commit) of the interval's transactions.
    public var commitLatency: LatencySummary
    /// Writes waiting for a transaction at the end of the interval.
    public var queueDepth: Int
    /// Transactions the database refused in the interval (a full disk, a lock held elsewhere).
    public var failedCommits: Int
    /// Writes of refused transactions held in memory at the end of the interval, to be retried;
    /// lost if the server stops before the database takes them.
    public var unsavedWrites: Int

    /// Figures from their parts.
    public init(writesPerSecond: Double, commits: Int, batchSizeMean: Double, batchSizeMax: Int,
                commitLatency: LatencySummary, queueDepth: Int, failedCommits: Int = 0, unsavedWrites: Int = 0) {
        self.writesPerSecond = writesPerSecond
        self.commits = commits
        self.batchSizeMean = batchSizeMean
        self.batchSizeMax = batchSizeMax
        self.commitLatency = commitLatency
        self.queueDepth = queueDepth
        self.failedCommits = failedCommits
        self.unsavedWrites = unsavedWrites
    }

    /// Whether the database refused writes in the interval or still holds refused ones: what
    /// `server` and mudtop flag.
    public var refusesWrites: Bool { failedCommits > 0 || unsavedWrites > 0 }

    /// Reads the figures; `failed_commits` and `unsaved_writes` are 0 when absent (snapshots of
    /// servers from before they existed, in a metrics history or a replay).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(writesPerSecond: try container.decode(Double.self, forKey: .writesPerSecond),
                  commits: try container.decode(Int.self, forKey: .commits),
                  batchSizeMean: try container.decode(Double.self, forKey: .batchSizeMean),
                  batchSizeMax: try container.decode(Int.self, forKey: .batchSizeMax),
                  commitLatency: try container.decode(LatencySummary.self, forKey: .commitLatency),
                  queueDepth: try container.decode(Int.self, forKey: .queueDepth),
                  failedCommits: try container.decodeIfPresent(Int.self, forKey: .failedCommits) ?? 0,
                  unsavedWrites: try container.decodeIfPresent(Int.self, forKey: .unsavedWrites) ?? 0)
    }

    enum CodingKeys: String, CodingKey {
        case writesPerSecond = "writes_per_second"
        case commits
        case batchSizeMean = "batch_size_mean"
        case batchSizeMax = "batch_size_max"
        case commitLatency = "commit_latency"
        case queueDepth = "queue_depth"
        case failedCommits = "failed_commits"
        case unsavedWrites = "unsaved_writes"
    }
}

/// The in-memory object cache (objects load on first use; idle ones are evicted).
public struct CacheFigures: Codable, Sendable, Equatable {
    /// Objects in memory at the end of the interval.
    public var objects: Int
    /// Lookups served from memory in the interval.
    public var hits: Int
    /// Lookups that loaded from the database in the interval.
    public var loads: Int
    /// Objects evicted in the interval.
    public var evictions: Int

    /// Figures from their parts.
    public init(objects: Int, hits: Int, loads: Int, evictions: Int) {
        self.objects = objects
        self.hits = hits
        self.loads = loads
        self.evictions = evictions
    }

    /// Hits over all lookups, 0 to 1 (0 with no lookup).
    public var hitRatio: Double {
        hits + loads == 0 ? 0 : Double(hits) / Double(hits + loads)
    }
}

/// Telnet bytes in the interval.
public struct NetworkFigures: Codable, Sendable, Equatable {
    /// Bytes received from clients.
    public var bytesIn: Int
    /// Bytes sent to clients.
    public var bytesOut: Int

    /// Figures from their parts.
    public init(bytesIn: Int, bytesOut: Int) {
        self.bytesIn = bytesIn
        self.bytesOut = bytesOut
    }

    enum CodingKeys: String, CodingKey {
        case bytesIn = "bytes_in"
        case bytesOut = "bytes_out"
    }
}

/// One command name's share of the interval.
public struct SlowCommand: Codable, Sendable, Equatable {
    /// The command's name as typed after alias resolution (`look`, `say`, `@dig`).
    public var name: String
    /// How many ran.
    public var count: Int
    /// Their summed latency, in seconds.
    public var totalSeconds: Double
    /// Their 99th percentile latency, in seconds (two significant digits).
    public var p99Seconds: Double

    /// A row from its parts.
    public init(name: String, count: Int, totalSeconds: Double, p99Seconds: Double) {
        self.name = name
        self.count = count
        self.totalSeconds = totalSeconds
        self.p99Seconds = p99Seconds
    }

    enum CodingKeys: String, CodingKey {
        case name, count
        case totalSeconds = "total_seconds"
        case p99Seconds = "p99_seconds"
    }
}

/// Profiler state, and while it runs the functions with the most self time in the interval.
public struct ProfilerFigures: Codable, Sendable, Equatable {
    /// Whether the call-graph profiler is recording.
    public var running: Bool
    /// Memory the profiler's call trees hold, in bytes.
    public var memoryBytes: Int
    /// The hottest functions of the interval, most self time first (empty when not running).
    public var hotFunctions: [HotFunction]

    /// Figures from their parts.
    public init(running: Bool, memoryBytes: Int = 0, hotFunctions: [HotFunction] = []) {
        self.running = running
        self.memoryBytes = memoryBytes
        self.hotFunctions = hotFunctions
    }

    /// The profiler is off.
    public static let off = ProfilerFigures(running: false)

    enum CodingKeys: String, CodingKey {
        case running
        case memoryBytes = "memory_bytes"
        case hotFunctions = "hot_functions"
    }
}
