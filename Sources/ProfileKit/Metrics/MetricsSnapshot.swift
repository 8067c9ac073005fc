/// One second of a running server, measured once and shown three ways: the admin stream (mudtop),
/// the Prometheus endpoint and the in-game `server` command.
///
/// The JSON shape is the admin protocol's `snapshot` object (share/doc/admin-protocol.md): snake_case
/// keys, times in seconds, sizes in bytes, `schema` bumped whenever a field changes meaning or goes
/// away (new fields may appear within a schema; readers ignore keys they do not know).
public struct MetricsSnapshot: Codable, Sendable, Equatable {
    /// The version of this shape that the current code writes.
    public static let currentSchema = 1

    /// The shape version this snapshot was written with.
    public var schema: Int
    /// A counter that rises by one per snapshot since the server started (gaps mean lost snapshots).
    public var sequence: Int
    /// When the interval ended, in seconds since the Unix epoch (UTC).
    public var time: Double
    /// How long the interval lasted, in seconds (about 1).
    public var intervalSeconds: Double
    /// CPU, memory, threads and uptime of the server process.
    public var process: ProcessFigures
    /// Throughput and latency of player commands.
    public var commands: CommandFigures
    /// Lateness of the game executor's fixed-period tick.
    public var executor: ExecutorFigures
    /// Connected and logged-in sessions.
    public var sessions: SessionFigures
    /// The write-behind database queue.
    public var database: DatabaseFigures
    /// The in-memory object cache.
    public var cache: CacheFigures
    /// Telnet traffic.
    public var network: NetworkFigures
    /// The commands that took the most time in the interval, slowest total first.
    public var slowestCommands: [SlowCommand]
    /// Profiler state and, while it runs, the hottest functions of the interval.
    public var profiler: ProfilerFigures
    /// The connected sessions; only in live snapshots to a subscriber that asked for them (never in
    /// history or `metrics.db`), absent from servers older than protocol 1.1.
    public var sessionList: SessionList?

    /// A snapshot from its parts.
    public init(
        schema: Int = MetricsSnapshot.currentSchema, sequence: Int, time: Double, intervalSeconds: Double,
        process: ProcessFigures, commands: CommandFigures, executor: ExecutorFigures,
        sessions: SessionFigures, database: DatabaseFigures, cache: CacheFigures,
        network: NetworkFigures, slowestCommands: [SlowCommand], profiler: ProfilerFigures,
        sessionList: SessionList? = nil
    ) {
        self.schema = schema
        self.sequence = sequence
        self.time = time
        self.intervalSeconds = intervalSeconds
        self.process = process
        self.commands = commands
        self.executor = executor
        self.sessions = sessions
        self.database = database
        self.cache = cache
        self.network = network
        self.slowestCommands = slowestCommands
        self.profiler = profiler
        self.sessionList = sessionList
    }

    enum CodingKeys: String, CodingKey {
        case schema, sequence, time
        case intervalSeconds = "interval_seconds"
        case process, commands, executor, sessions, database, cache, network
        case slowestCommands = "slowest_commands"
        case profiler
        case sessionList = "session_list"
    }
}
