/// The in-game `server` command's text: a table that fits 80 columns, from one snapshot.
///
/// Evennia's `server` labels its CPU rows wrongly; here user and system CPU are each a percentage of
/// one core over the last interval, named as such.
public enum ServerStatusText {
    /// The width every line fits in.
    public static let width = 80

    /// The `server` table for `snapshot` of the server `identity`.
    public static func render(_ snapshot: MetricsSnapshot, identity: ServerIdentity) -> String {
        let s = snapshot
        let rule = String(repeating: "-", count: width)
        var lines: [String] = []
        lines.append(MetricsFormat.fit("Server \(identity.name) (MudScope \(identity.version))", 52)
            + MetricsFormat.fit("pid \(s.process.pid)  up \(MetricsFormat.uptime(s.process.uptimeSeconds))", 28, right: true))
        lines.append(rule)
        lines.append(pair("CPU user", MetricsFormat.percent(s.process.cpuUserPercent) + " of a core",
                          "CPU system", MetricsFormat.percent(s.process.cpuSystemPercent) + " of a core"))
        lines.append(pair("Memory RSS", MetricsFormat.bytes(s.process.memory.residentBytes),
                          "Virtual", MetricsFormat.bytes(s.process.memory.virtualBytes)))
        lines.append(pair("Threads", "\(s.process.threads)",
                          "Sessions", "\(s.sessions.connected) connected, \(s.sessions.loggedIn) logged in"))
        lines.append(row("Commands/s", "1s \(MetricsFormat.decimal(s.commands.perSecond1s))"
            + "   10s \(MetricsFormat.decimal(s.commands.perSecond10s))"
            + "   60s \(MetricsFormat.decimal(s.commands.perSecond60s))"))
        lines.append(row("Command lag", percentiles(s.commands.latency)))
        lines.append(row("Executor", s.executor.ticks == 0 ? "no ticks"
            : "tick every \(MetricsFormat.duration(s.executor.periodSeconds)): \(s.executor.ticks) ran,"
                + " \(s.executor.missedTicks) missed"))
        lines.append(row("Executor lag", percentiles(s.executor.lag)))
        lines.append(row("Database", "\(MetricsFormat.decimal(s.database.writesPerSecond)) writes/s"
            + "  batch \(MetricsFormat.decimal(s.database.batchSizeMean)) avg \(s.database.batchSizeMax) max"
            + "  queue \(MetricsFormat.count(s.database.queueDepth))"))
        if s.database.refusesWrites {
            lines.append(row("DB FAILING", "\(MetricsFormat.count(s.database.unsavedWrites)) writes held to retry,"
                + " \(s.database.failedCommits) commits refused in the last \(MetricsFormat.duration(s.intervalSeconds))"))
        }
        lines.append(row("DB commit", percentiles(s.database.commitLatency)))
        lines.append(row("Cache", "\(MetricsFormat.count(s.cache.objects)) objects"
            + "  hits \(MetricsFormat.percent(s.cache.hitRatio * 100))"
            + "  loads \(MetricsFormat.count(s.cache.loads))  evicted \(MetricsFormat.count(s.cache.evictions))"))
        lines.append(row("Network", "in \(MetricsFormat.bytes(Int(Double(s.network.bytesIn) / s.intervalSeconds)))/s"
            + "  out \(MetricsFormat.bytes(Int(Double(s.network.bytesOut) / s.intervalSeconds)))/s"))
        lines.append(row("Profiler", s.profiler.running
            ? "recording (\(MetricsFormat.bytes(s.profiler.memoryBytes)) of call trees)" : "off"))
        if !s.slowestCommands.isEmpty {
            lines.append(rule)
            lines.append(MetricsFormat.fit("Slowest commands", 44) + MetricsFormat.fit("count", 10, right: true)
                + MetricsFormat.fit("total", 13, right: true) + MetricsFormat.fit("p99", 13, right: true))
            for command in s.slowestCommands {
                lines.append(MetricsFormat.fit("  " + command.name, 44)
                    + MetricsFormat.fit(MetricsFormat.count(command.count), 10, right: true)
                    + MetricsFormat.fit(MetricsFormat.duration(command.totalSeconds), 13, right: true)
                    + MetricsFormat.fit(MetricsFormat.duration(command.p99Seconds), 13, right: true))
            }
        }
        if s.profiler.running, !s.profiler.hotFunctions.isEmpty {
            lines.append(rule)
            lines.append(MetricsFormat.fit("Hottest functions (self time)", 54)
                + MetricsFormat.fit("calls", 13, right: true) + MetricsFormat.fit("self", 13, right: true))
            for function in s.profiler.hotFunctions {
                lines.append(MetricsFormat.fit("  \(function.name) (\(function.file):\(function.line))", 54)
                    + MetricsFormat.fit(MetricsFormat.count(function.calls), 13, right: true)
                    + MetricsFormat.fit(MetricsFormat.duration(function.selfSeconds), 13, right: true))
            }
        }
        return lines.map(trimmed).joined(separator: "\n") + "\n"
    }

    /// `p50 1.20 ms  p90 ...  max ...`, or `no samples`.
    static func percentiles(_ summary: LatencySummary) -> String {
        guard summary.count > 0 else { return "no samples" }
        return "p50 \(MetricsFormat.duration(summary.p50))  p90 \(MetricsFormat.duration(summary.p90))"
            + "  p99 \(MetricsFormat.duration(summary.p99))  p99.9 \(MetricsFormat.duration(summary.p999))"
            + "  max \(MetricsFormat.duration(summary.max))"
    }

    /// One label and its value across the table.
    static func row(_ label: String, _ value: String) -> String {
        " " + MetricsFormat.fit(label, 13) + MetricsFormat.fit(value, width - 14)
    }

    /// Two label/value pairs side by side.
    static func pair(_ label1: String, _ value1: String, _ label2: String, _ value2: String) -> String {
        " " + MetricsFormat.fit(label1, 13) + MetricsFormat.fit(value1, 26) + MetricsFormat.fit(label2, 13)
            + MetricsFormat.fit(value2, 27)
    }

    static func trimmed(_ line: String) -> String {
        var line = Substring(line)
        while line.last == " " { line = line.dropLast() }
        return String(line)
    }
}
