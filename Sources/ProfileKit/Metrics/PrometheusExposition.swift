/// Formats metrics in the Prometheus text exposition format, version 0.0.4
/// (prometheus.io/docs/instrumenting/exposition_formats): `mud_`-prefixed names, base units
/// (seconds, bytes), counters ending `_total`, latency as cumulative histograms, a HELP and a TYPE
/// line for every family, families in a fixed order.
public enum PrometheusExposition {
    /// The HTTP `Content-Type` of the output.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// A metric family's kind, as its TYPE line says it.
    enum Kind: String, Sendable {
        case counter, gauge, histogram
    }

    /// One family: a name, its help, its kind and how to read its value.
    struct Family: Sendable {
        let name: String
        let help: String
        let kind: Kind
        let value: @Sendable (MetricsSnapshot, MetricsTotals) -> Value
    }

    enum Value: Sendable {
        case number(Double)
        case histogram(BucketHistogram)
    }

    /// The families, in output order: a table, so a new metric is one line.
    static let families: [Family] = [
        Family(name: "mud_process_cpu_user_seconds_total", help: "User-mode CPU time of the server process.",
               kind: .counter) { _, t in .number(t.cpuUserSeconds) },
        Family(name: "mud_process_cpu_system_seconds_total", help: "Kernel-mode (system) CPU time of the server process.",
               kind: .counter) { _, t in .number(t.cpuSystemSeconds) },
        Family(name: "mud_process_resident_memory_bytes", help: "Resident set size of the server process.",
               kind: .gauge) { s, _ in .number(Double(s.process.memory.residentBytes)) },
        Family(name: "mud_process_virtual_memory_bytes", help: "Virtual memory size of the server process.",
               kind: .gauge) { s, _ in .number(Double(s.process.memory.virtualBytes)) },
        Family(name: "mud_process_threads", help: "Threads in the server process.",
               kind: .gauge) { s, _ in .number(Double(s.process.threads)) },
        Family(name: "mud_process_start_time_seconds", help: "When the server started, in seconds since the Unix epoch.",
               kind: .gauge) { s, _ in .number(s.time - s.process.uptimeSeconds) },
        Family(name: "mud_commands_total", help: "Player commands completed.",
               kind: .counter) { _, t in .number(Double(t.commands)) },
        Family(name: "mud_command_latency_seconds", help: "Command latency from line received to reply written.",
               kind: .histogram) { _, t in .histogram(t.commandLatency) },
        Family(name: "mud_executor_lag_seconds",
               help: "How late the game executor's fixed-period tick ran, corrected for coordinated omission.",
               kind: .histogram) { _, t in .histogram(t.executorLag) },
        Family(name: "mud_executor_missed_ticks_total", help: "Executor tick deadlines skipped because a tick overran.",
               kind: .counter) { _, t in .number(Double(t.missedTicks)) },
        Family(name: "mud_sessions_connected", help: "Telnet sessions connected.",
               kind: .gauge) { s, _ in .number(Double(s.sessions.connected)) },
        Family(name: "mud_sessions_logged_in", help: "Telnet sessions logged in to an account.",
               kind: .gauge) { s, _ in .number(Double(s.sessions.loggedIn)) },
        Family(name: "mud_db_writes_total", help: "Rows written to the database.",
               kind: .counter) { _, t in .number(Double(t.databaseWrites)) },
        Family(name: "mud_db_commit_latency_seconds", help: "Database transaction commit latency.",
               kind: .histogram) { _, t in .histogram(t.commitLatency) },
        Family(name: "mud_db_queue_depth", help: "Writes waiting for a database transaction.",
               kind: .gauge) { s, _ in .number(Double(s.database.queueDepth)) },
        Family(name: "mud_db_failed_commits_total", help: "Database transactions refused (their writes are retried).",
               kind: .counter) { _, t in .number(Double(t.databaseFailedCommits)) },
        Family(name: "mud_db_unsaved_writes", help: "Writes of refused transactions waiting to be retried.",
               kind: .gauge) { s, _ in .number(Double(s.database.unsavedWrites)) },
        Family(name: "mud_cache_objects", help: "Objects in the in-memory object cache.",
               kind: .gauge) { s, _ in .number(Double(s.cache.objects)) },
        Family(name: "mud_cache_hits_total", help: "Object lookups served from memory.",
               kind: .counter) { _, t in .number(Double(t.cacheHits)) },
        Family(name: "mud_cache_loads_total", help: "Object lookups that loaded from the database.",
               kind: .counter) { _, t in .number(Double(t.cacheLoads)) },
        Family(name: "mud_cache_evictions_total", help: "Objects evicted from the cache.",
               kind: .counter) { _, t in .number(Double(t.cacheEvictions)) },
        Family(name: "mud_network_received_bytes_total", help: "Bytes received from telnet clients.",
               kind: .counter) { _, t in .number(Double(t.bytesIn)) },
        Family(name: "mud_network_sent_bytes_total", help: "Bytes sent to telnet clients.",
               kind: .counter) { _, t in .number(Double(t.bytesOut)) },
        Family(name: "mud_profiler_running", help: "1 while the call-graph profiler records, else 0.",
               kind: .gauge) { s, _ in .number(s.profiler.running ? 1 : 0) },
    ]

    /// The exposition of the latest snapshot's gauges and the counters since start.
    public static func render(snapshot: MetricsSnapshot, totals: MetricsTotals) -> String {
        var out = ""
        for family in families {
            out += "# HELP \(family.name) \(family.help)\n"
            out += "# TYPE \(family.name) \(family.kind.rawValue)\n"
            switch family.value(snapshot, totals) {
            case .number(let value):
                out += "\(family.name) \(format(value))\n"
            case .histogram(let histogram):
                for (bound, count) in zip(histogram.upperBounds.map(format) + ["+Inf"], histogram.cumulativeCounts) {
                    out += "\(family.name)_bucket{le=\"\(bound)\"} \(count)\n"
                }
                out += "\(family.name)_sum \(format(histogram.sum))\n"
                out += "\(family.name)_count \(histogram.count)\n"
            }
        }
        return out
    }

    /// A sample value as Prometheus writes it: integers without a decimal point, `+Inf`, `-Inf`, `NaN`.
    static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
