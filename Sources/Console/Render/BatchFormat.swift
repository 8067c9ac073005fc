import ProfileKit

/// The headless output formats (`mudtop --batch`), like `top -b`: one record per snapshot.
enum BatchFormat: String, CaseIterable, Sendable {
    /// A short block of text per snapshot, for people.
    case text
    /// One snapshot JSON object per line (the protocol's `snapshot` object, with its session list
    /// when the server sends one), for programs.
    case json
    /// One comma-separated row per snapshot under a header row, for spreadsheets (figures only: a
    /// row has no room for the session list).
    case csv

    /// The CSV columns: heading and value, in order.
    static let csvColumns: [(heading: String, value: @Sendable (MetricsSnapshot) -> String)] = [
        ("time", { CFormat.fixed($0.time, precision: 3) }),
        ("sequence", { String($0.sequence) }),
        ("pid", { String($0.process.pid) }),
        ("uptime_seconds", { CFormat.fixed($0.process.uptimeSeconds, precision: 1) }),
        ("cpu_user_percent", { CFormat.fixed($0.process.cpuUserPercent, precision: 2) }),
        ("cpu_system_percent", { CFormat.fixed($0.process.cpuSystemPercent, precision: 2) }),
        ("resident_bytes", { String($0.process.memory.residentBytes) }),
        ("threads", { String($0.process.threads) }),
        ("commands_per_second", { CFormat.fixed($0.commands.perSecond1s, precision: 2) }),
        ("latency_p50_seconds", { CFormat.fixed($0.commands.latency.p50, precision: 6) }),
        ("latency_p99_seconds", { CFormat.fixed($0.commands.latency.p99, precision: 6) }),
        ("executor_lag_p99_seconds", { CFormat.fixed($0.executor.lag.p99, precision: 6) }),
        ("missed_ticks", { String($0.executor.missedTicks) }),
        ("sessions_connected", { String($0.sessions.connected) }),
        ("sessions_logged_in", { String($0.sessions.loggedIn) }),
        ("db_writes_per_second", { CFormat.fixed($0.database.writesPerSecond, precision: 2) }),
        ("db_queue_depth", { String($0.database.queueDepth) }),
        ("db_failed_commits", { String($0.database.failedCommits) }),
        ("db_unsaved_writes", { String($0.database.unsavedWrites) }),
        ("cache_objects", { String($0.cache.objects) }),
        ("profiler_running", { $0.profiler.running ? "1" : "0" }),
    ]

    /// What goes before the first record (the CSV header), if anything.
    var preamble: String? {
        self == .csv ? Self.csvColumns.map(\.heading).joined(separator: ",") + "\n" : nil
    }

    /// One snapshot's record, ending in a newline.
    func record(_ snapshot: MetricsSnapshot, server: ServerIdentity?) -> String {
        switch self {
        case .json:
            return String(decoding: snapshot.jsonBytes(), as: UTF8.self) + "\n"
        case .csv:
            return Self.csvColumns.map { $0.value(snapshot) }.joined(separator: ",") + "\n"
        case .text:
            return Self.text(snapshot, server: server)
        }
    }

    private static func text(_ s: MetricsSnapshot, server: ServerIdentity?) -> String {
        let name = server.map { "\($0.name) v\($0.version)" } ?? "server"
        let d = MetricsFormat.duration
        var lines = [
            "mudtop - \(name)  pid \(s.process.pid)  up \(MetricsFormat.uptime(s.process.uptimeSeconds))  "
                + "time \(CFormat.fixed(s.time, precision: 1))  seq \(s.sequence)",
            "CPU: \(MetricsFormat.percent(s.process.cpuUserPercent)) user, \(MetricsFormat.percent(s.process.cpuSystemPercent)) system"
                + "  Mem: \(MetricsFormat.bytes(s.process.memory.residentBytes)) resident, "
                + "\(MetricsFormat.bytes(s.process.memory.virtualBytes)) virtual  Threads: \(s.process.threads)",
            "Commands: \(MetricsFormat.decimal(s.commands.perSecond1s))/s (10 s \(MetricsFormat.decimal(s.commands.perSecond10s)), "
                + "60 s \(MetricsFormat.decimal(s.commands.perSecond60s)))  latency p50 \(d(s.commands.latency.p50)), "
                + "p99 \(d(s.commands.latency.p99)), max \(d(s.commands.latency.max))",
            "Executor: lag p50 \(d(s.executor.lag.p50)), p99 \(d(s.executor.lag.p99)), missed ticks \(s.executor.missedTicks)"
                + "  Sessions: \(s.sessions.connected) connected, \(s.sessions.loggedIn) logged in",
            "Database: \(MetricsFormat.decimal(s.database.writesPerSecond)) writes/s, queue \(s.database.queueDepth)"
                + (s.database.refusesWrites
                    ? ", UNSAVED \(s.database.unsavedWrites) (\(s.database.failedCommits) failed commits, retrying)" : "")
                + "  Cache: \(MetricsFormat.count(s.cache.objects)) objects  Profiler: \(s.profiler.running ? "on" : "off")",
        ]
        if !s.slowestCommands.isEmpty {
            lines.append("  COMMAND              COUNT     TOTAL       P99")
            for command in s.slowestCommands {
                lines.append("  " + MetricsFormat.fit(command.name, 18) + " " + MetricsFormat.fit(MetricsFormat.count(command.count), 7, right: true)
                             + " " + MetricsFormat.fit(d(command.totalSeconds), 9, right: true)
                             + " " + MetricsFormat.fit(d(command.p99Seconds), 9, right: true))
            }
        }
        if !s.profiler.hotFunctions.isEmpty {
            lines.append("  FUNCTION                       SELF     CALLS")
            for function in s.profiler.hotFunctions {
                lines.append("  " + MetricsFormat.fit(function.name, 26) + " " + MetricsFormat.fit(d(function.selfSeconds), 9, right: true)
                             + " " + MetricsFormat.fit(MetricsFormat.count(function.calls), 9, right: true))
            }
        }
        if let list = s.sessionList, !list.sessions.isEmpty {
            let shown = list.isCapped ? "  (\(MetricsFormat.count(list.sessions.count)) of \(MetricsFormat.count(list.total)))" : ""
            lines.append("  SESSION          ADDRESS             IDLE    CMDS  ROOM" + shown)
            for session in list.sessions {
                let row = SessionRow(session)
                let line = "  " + MetricsFormat.fit(row.shownName, 16) + " " + MetricsFormat.fit(row.address, 15) + " "
                    + MetricsFormat.fit(MetricsFormat.uptime(row.idleSeconds), 8, right: true) + " "
                    + MetricsFormat.fit(MetricsFormat.count(row.commands), 7, right: true)
                lines.append(line + (row.room.map { "  " + $0 } ?? ""))
            }
        }
        return lines.joined(separator: "\n") + "\n\n"
    }
}
