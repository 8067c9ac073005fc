/// The snapshot's JSON written by hand, byte for byte what `AdminWire.encoder()` writes (sorted
/// keys, integral doubles without ".0", non-finite numbers as "+Inf", "-Inf" and "NaN"); a test
/// holds the two equal. The server stores one snapshot a second, and Foundation's encoder, which
/// goes through Codable's generic containers, was a fifth of the metrics thread's CPU.
extension MetricsSnapshot {
    func writeJSON(to out: inout JSONOutput) {
        out.object { o in
            o.key("cache") { cache.writeJSON(to: &$0) }
            o.key("commands") { commands.writeJSON(to: &$0) }
            o.key("database") { database.writeJSON(to: &$0) }
            o.key("executor") { executor.writeJSON(to: &$0) }
            o.key("interval_seconds") { $0.number(intervalSeconds) }
            o.key("network") { network.writeJSON(to: &$0) }
            o.key("process") { process.writeJSON(to: &$0) }
            o.key("profiler") { profiler.writeJSON(to: &$0) }
            o.key("schema") { $0.number(schema) }
            o.key("sequence") { $0.number(sequence) }
            if let sessionList { o.key("session_list") { sessionList.writeJSON(to: &$0) } }
            o.key("sessions") { sessions.writeJSON(to: &$0) }
            o.key("slowest_commands") { $0.array(slowestCommands) { command, out in command.writeJSON(to: &out) } }
            o.key("time") { $0.number(time) }
        }
    }
}

extension CacheFigures {
    func writeJSON(to out: inout JSONOutput) {
        out.object { o in
            o.key("evictions") { $0.number(evictions) }
            o.key("hits") { $0.number(hits) }
            o.key("loads") { $0.number(loads) }
            o.key("objects") { $0.number(objects) }
        }
    }
}

extension CommandFigures {
    func writeJSON(to out: inout JSONOutput) {
        out.object { o in
            o.key("count") { $0.number(count) }
            o.key("latency") { latency.writeJSON(to: &$0) }
            o.key("per_second_10s") { $0.number(perSecond10s) }
            o.key("per_second_1s") { $0.number(perSecond1s) }
            o.key("per_second_60s") { $0.number(perSecond60s) }
        }
    }
}

extension LatencySummary {
    func writeJSON(to out: inout JSONOutput) {
        out.object { o in
            o.key("count") { $0.number(count) }
            o.key("max") { $0.number(max) }
            o.key("mean") { $0.number(mean) }
            o.key("p50") { $0.number(p50) }
            o.key("p90") { $0.number(p90) }
            o.key("p99") { $0.number(p99) }
            o.key("p999") { $0.number(p999) }
        }
    }
}

extension DatabaseFigures {
    func writeJSON(to out: inout JSONOutput) {
        out.object { o in
            o.key("batch_size_max") { $0.number(batchSizeMax) }
            o.key("batch_size_mean") { $0.number(batchSizeMean) }
            o.key("commit_latency") { commitLatency.writeJSON(to: &$0) }
            o.key("commits") { $0.number(commits) }
            o.key("failed_commits") { $0.number(failedCommits) }
            o.key("queue_depth") { $0.number(queueDepth) }
            o.key("unsaved_writes") { $0.number(unsavedWrites) }
            o.key("writes_per_second") { $0.number(writesPerSecond) }
        }
    }
}

extension ExecutorFigures {
    func writeJSON(to out: inout JSONOutput) {
        out.object { o in
            o.key("lag") { lag.writeJSON(to: &$0) }
            o.key("missed_ticks") { $0.number(missedTicks) }
            o.key("period_seconds") { $0.number(periodSeconds) }
            o.key("ticks") { $0.number(ticks) }
        }
    }
}

extension NetworkFigures {
    func writeJSON(to out: inout JSONOutput) {
        out.object { o in
            o.key("bytes_in") { $0.number(bytesIn) }
            o.key("bytes_out") { $0.number(bytesOut) }
        }
    }
}

extension ProcessFigures {
    func writeJSON(to out: inout JSONOutput) {
        out.object { o in
            o.key("cpu_system_percent") { $0.number(cpuSystemPercent) }
            o.key("cpu_user_percent") { $0.number(cpuUserPercent) }
            o.key("memory") { memory.writeJSON(to: &$0) }
            o.key("pid") { $0.number(pid) }
            o.key("threads") { $0.number(threads) }
            o.key("uptime_seconds") { $0.number(uptimeSeconds) }
        }
    }
}

extension MemoryFigures {
    func writeJSON(to out: inout JSONOutput) {
        out.object { o in
            o.key("anonymous_bytes") { $0.number(anonymousBytes) }
            o.key("data_bytes") { $0.number(dataBytes) }
            o.key("file_bytes") { $0.number(fileBytes) }
            o.key("peak_resident_bytes") { $0.number(peakResidentBytes) }
            o.key("resident_bytes") { $0.number(residentBytes) }
            o.key("shared_bytes") { $0.number(sharedBytes) }
            o.key("swap_bytes") { $0.number(swapBytes) }
            o.key("virtual_bytes") { $0.number(virtualBytes) }
        }
    }
}

extension ProfilerFigures {
    func writeJSON(to out: inout JSONOutput) {
        out.object { o in
            o.key("hot_functions") { $0.array(hotFunctions) { function, out in function.writeJSON(to: &out) } }
            o.key("memory_bytes") { $0.number(memoryBytes) }
            o.key("running") { $0.bool(running) }
        }
    }
}

extension HotFunction {
    func writeJSON(to out: inout JSONOutput) {
        out.object { o in
            o.key("calls") { $0.number(calls) }
            o.key("file") { $0.string(file) }
            o.key("line") { $0.number(line) }
            o.key("name") { $0.string(name) }
            o.key("self_seconds") { $0.number(selfSeconds) }
        }
    }
}

extension SessionFigures {
    func writeJSON(to out: inout JSONOutput) {
        out.object { o in
            o.key("connected") { $0.number(connected) }
            o.key("logged_in") { $0.number(loggedIn) }
        }
    }
}

extension SlowCommand {
    func writeJSON(to out: inout JSONOutput) {
        out.object { o in
            o.key("count") { $0.number(count) }
            o.key("name") { $0.string(name) }
            o.key("p99_seconds") { $0.number(p99Seconds) }
            o.key("total_seconds") { $0.number(totalSeconds) }
        }
    }
}

extension SessionList {
    func writeJSON(to out: inout JSONOutput) {
        out.object { o in
            o.key("sessions") { $0.array(sessions) { entry, out in entry.writeJSON(to: &out) } }
            o.key("total") { $0.number(total) }
        }
    }
}

extension SessionEntry {
    func writeJSON(to out: inout JSONOutput) {
        out.object { o in
            o.key("address") { $0.string(address) }
            o.key("commands") { $0.number(commands) }
            o.key("id") { $0.number(id) }
            o.key("idle_seconds") { $0.number(idleSeconds) }
            if let name { o.key("name") { $0.string(name) } }
            if let room { o.key("room") { $0.string(room) } }
        }
    }
}
