import Synchronization

extension MetricsCollector {
    /// What only the rollover timer touches.
    struct RolloverState: Sendable {
        var spare = MetricsInterval()
        var window = CommandRateWindow()
        var lastRollover: Int64
        var sequence = 0
        var bytesIn: UInt64 = 0
        var bytesOut: UInt64 = 0
        var cacheHits: UInt64 = 0
        var cacheLoads: UInt64 = 0
        var cacheEvictions: UInt64 = 0
        var process: ProcessSample?

        init(lastRollover: Int64) {
            self.lastRollover = lastRollover
        }
    }

    /// Closes the interval that began at the previous rollover (or at creation) and returns its
    /// snapshot; the server calls it once a second from one timer.
    ///
    /// - Parameters:
    ///   - process: this moment's `/proc` reading (CPU % is the difference from the previous one;
    ///     0 on the first call or when nil); nil leaves CPU, memory and threads at 0.
    ///   - profiler: the profiler's state and the interval's hottest functions.
    public func rollover(process: ProcessSample?, profiler: ProfilerFigures = .off) -> MetricsSnapshot {
        rolling.withLock { roll in
            let now = clock.nanoseconds()
            let wall = clock.unixSeconds()
            // The closed interval is read in place and then emptied for reuse: a copy of it would
            // make the reset copy every histogram first.
            live.withLock { swap(&$0.interval, &roll.spare) }
            defer { roll.spare.reset() }

            let seconds = max(Double(now - roll.lastRollover) / 1e9, 1e-9)
            roll.lastRollover = now
            roll.sequence += 1
            roll.window.append(count: Int(roll.spare.commandLatency.totalCount), seconds: seconds)

            func delta(_ counter: borrowing Atomic<UInt64>, _ previous: inout UInt64) -> Int {
                let value = counter.load(ordering: .relaxed)
                defer { previous = value }
                return Int(truncatingIfNeeded: value &- previous)
            }
            let network = NetworkFigures(bytesIn: delta(bytesIn, &roll.bytesIn), bytesOut: delta(bytesOut, &roll.bytesOut))
            let cache = CacheFigures(
                objects: cachedObjects.load(ordering: .relaxed), hits: delta(cacheHits, &roll.cacheHits),
                loads: delta(cacheLoads, &roll.cacheLoads), evictions: delta(cacheEvictions, &roll.cacheEvictions))

            let figures = processFigures(process, previous: roll.process, seconds: seconds, now: now)
            if let process { roll.process = process }

            return MetricsSnapshot(
                sequence: roll.sequence, time: wall, intervalSeconds: seconds, process: figures,
                commands: CommandFigures(
                    count: Int(roll.spare.commandLatency.totalCount),
                    perSecond1s: Double(roll.spare.commandLatency.totalCount) / seconds,
                    perSecond10s: roll.window.rate(over: 10), perSecond60s: roll.window.rate(over: 60),
                    latency: LatencySummary(nanoseconds: roll.spare.commandLatency)),
                executor: ExecutorFigures(
                    periodSeconds: Double(roll.spare.tickPeriodNanoseconds) / 1e9, ticks: roll.spare.ticks,
                    missedTicks: roll.spare.missedTicks, lag: LatencySummary(nanoseconds: roll.spare.executorLag)),
                sessions: SessionFigures(connected: sessionsConnected.load(ordering: .relaxed),
                                         loggedIn: sessionsLoggedIn.load(ordering: .relaxed)),
                database: DatabaseFigures(
                    writesPerSecond: Double(roll.spare.writes) / seconds, commits: roll.spare.commits,
                    batchSizeMean: roll.spare.commits == 0 ? 0 : Double(roll.spare.writes) / Double(roll.spare.commits),
                    batchSizeMax: roll.spare.largestBatch, commitLatency: LatencySummary(nanoseconds: roll.spare.commitLatency),
                    queueDepth: databaseQueueDepth.load(ordering: .relaxed), failedCommits: roll.spare.failedCommits,
                    unsavedWrites: databaseUnsavedWrites.load(ordering: .relaxed)),
                cache: cache, network: network,
                slowestCommands: roll.spare.slowestCommands(limit: Self.slowestCommandLimit),
                profiler: profiler)
        }
    }

    /// The counters since start, for Prometheus; CPU times are those of the last rollover's sample.
    public func totals() -> MetricsTotals {
        var totals = MetricsTotals()
        live.withLock { state in
            totals.commands = state.commands
            totals.databaseWrites = state.databaseWrites
            totals.databaseFailedCommits = state.databaseFailedCommits
            totals.missedTicks = state.missedTicks
            totals.commandLatency = state.commandLatency
            totals.executorLag = state.executorLag
            totals.commitLatency = state.commitLatency
        }
        if let process = rolling.withLock({ $0.process }) {
            totals.cpuUserSeconds = process.userCPUSeconds
            totals.cpuSystemSeconds = process.systemCPUSeconds
        }
        totals.bytesIn = bytesIn.load(ordering: .relaxed)
        totals.bytesOut = bytesOut.load(ordering: .relaxed)
        totals.cacheHits = cacheHits.load(ordering: .relaxed)
        totals.cacheLoads = cacheLoads.load(ordering: .relaxed)
        totals.cacheEvictions = cacheEvictions.load(ordering: .relaxed)
        return totals
    }

    private func processFigures(_ sample: ProcessSample?, previous: ProcessSample?, seconds: Double, now: Int64) -> ProcessFigures {
        let uptime = Double(now - startNanoseconds) / 1e9
        guard let sample else {
            return ProcessFigures(pid: pid, uptimeSeconds: uptime, cpuUserPercent: 0, cpuSystemPercent: 0,
                                  threads: 0, memory: MemoryFigures(residentBytes: 0, virtualBytes: 0))
        }
        var user = 0.0
        var system = 0.0
        if let previous {
            user = max(0, sample.userCPUSeconds - previous.userCPUSeconds) / seconds * 100
            system = max(0, sample.systemCPUSeconds - previous.systemCPUSeconds) / seconds * 100
        }
        return ProcessFigures(pid: pid, uptimeSeconds: uptime, cpuUserPercent: user, cpuSystemPercent: system,
                              threads: sample.threads, memory: sample.memory)
    }
}
