import Testing
@testable import ProfileKit

@Suite("MetricsCollector")
struct MetricsCollectorTests {
    let clock = ManualClock(start: 5_000_000_000)
    var metricsClock: MetricsClock { .manual(clock, epoch: 1_764_000_000) }

    @Test("an interval's commands, latency percentiles and slowest commands")
    func commandsAndLatency() {
        let collector = MetricsCollector(pid: 7, clock: metricsClock)
        // 100 looks at 1..100 ms, 10 says at 2 ms, one dig at 500 ms.
        for ms in 1...100 { collector.recordCommand(name: "look", latencyNanoseconds: Int64(ms) * 1_000_000) }
        for _ in 0..<10 { collector.recordCommand(name: "say", latencyNanoseconds: 2_000_000) }
        collector.recordCommand(name: "@dig", latencyNanoseconds: 500_000_000)
        clock.advance(by: 1_000_000_000)
        let snapshot = collector.rollover(process: nil)

        #expect(snapshot.sequence == 1)
        #expect(snapshot.time == 1_764_000_006)
        #expect(snapshot.intervalSeconds == 1)
        #expect(snapshot.commands.count == 111)
        #expect(snapshot.commands.perSecond1s == 111)
        let latency = snapshot.commands.latency
        #expect(latency.count == 111)
        // HdrHistogram with three significant digits: within 0.1 %.
        #expect(abs(latency.p50 - 0.046) / 0.046 < 0.002)
        #expect(abs(latency.p90 - 0.090) / 0.090 < 0.002)
        #expect(abs(latency.p99 - 0.100) / 0.100 < 0.002)
        #expect(abs(latency.max - 0.5) / 0.5 < 0.002)
        #expect(snapshot.slowestCommands.map(\.name) == ["look", "@dig", "say"])
        #expect(snapshot.slowestCommands[0].count == 100)
        #expect(abs(snapshot.slowestCommands[0].totalSeconds - 5.05) < 1e-9)
        #expect(abs(snapshot.slowestCommands[0].p99Seconds - 0.099) / 0.099 < 0.01)
        #expect(snapshot.process.pid == 7)
        #expect(snapshot.process.uptimeSeconds == 1)

        clock.advance(by: 1_000_000_000)
        let quiet = collector.rollover(process: nil)
        #expect(quiet.commands.count == 0)
        #expect(quiet.commands.latency == .empty)
        #expect(quiet.slowestCommands.isEmpty)
        #expect(quiet.sequence == 2)
    }

    @Test("commands/s over 1, 10 and 60 seconds follow the intervals")
    func rates() {
        let collector = MetricsCollector(pid: 1, clock: metricsClock)
        var last: MetricsSnapshot?
        // 70 one-second intervals: the first 60 with 10 commands each, the last 10 with 40 each.
        for second in 0..<70 {
            for _ in 0..<(second < 60 ? 10 : 40) { collector.recordCommand(name: "x", latencyNanoseconds: 1_000) }
            clock.advance(by: 1_000_000_000)
            last = collector.rollover(process: nil)
            if second == 4 {
                #expect(last?.commands.perSecond10s == 10, "5 s old: the rate over what there is")
            }
        }
        let snapshot = try! #require(last)
        #expect(snapshot.commands.perSecond1s == 40)
        #expect(snapshot.commands.perSecond10s == 40)
        #expect(abs(snapshot.commands.perSecond60s - 15) < 1e-9)
    }

    @Test("bytes, cache, database and session figures are per interval; gauges are current")
    func countersAndGauges() {
        let collector = MetricsCollector(pid: 1, clock: metricsClock)
        collector.recordBytesIn(100)
        collector.recordBytesOut(2_000)
        collector.recordCacheHit()
        collector.recordCacheHit()
        collector.recordCacheHit()
        collector.recordCacheLoad()
        collector.recordCacheEvictions(5)
        collector.setCachedObjects(42)
        collector.setSessions(connected: 3, loggedIn: 2)
        collector.setDatabaseQueueDepth(9)
        collector.recordDatabaseCommit(writes: 10, latencyNanoseconds: 2_000_000)
        collector.recordDatabaseCommit(writes: 30, latencyNanoseconds: 4_000_000)
        clock.advance(by: 2_000_000_000)
        let first = collector.rollover(process: nil)
        #expect(first.network == NetworkFigures(bytesIn: 100, bytesOut: 2_000))
        #expect(first.cache == CacheFigures(objects: 42, hits: 3, loads: 1, evictions: 5))
        #expect(first.cache.hitRatio == 0.75)
        #expect(first.sessions == SessionFigures(connected: 3, loggedIn: 2))
        #expect(first.database.writesPerSecond == 20)
        #expect(first.database.commits == 2)
        #expect(first.database.batchSizeMean == 20)
        #expect(first.database.batchSizeMax == 30)
        #expect(first.database.queueDepth == 9)
        #expect(abs(first.database.commitLatency.max - 0.004) < 0.00001)

        collector.recordBytesIn(1)
        clock.advance(by: 1_000_000_000)
        let second = collector.rollover(process: nil)
        #expect(second.network == NetworkFigures(bytesIn: 1, bytesOut: 0))
        #expect(second.cache == CacheFigures(objects: 42, hits: 0, loads: 0, evictions: 0))
        #expect(second.database.commits == 0 && second.database.batchSizeMean == 0)

        let totals = collector.totals()
        #expect(totals.bytesIn == 101 && totals.bytesOut == 2_000)
        #expect(totals.cacheHits == 3 && totals.cacheLoads == 1 && totals.cacheEvictions == 5)
        #expect(totals.databaseWrites == 40)
        #expect(totals.commitLatency.count == 2)
    }

    @Test("CPU percent is the difference of two samples over the interval, user and system apart")
    func cpuPercent() {
        let collector = MetricsCollector(pid: 1, clock: metricsClock)
        func sample(user: Double, system: Double) -> ProcessSample {
            ProcessSample(userCPUSeconds: user, systemCPUSeconds: system, threads: 4,
                          memory: MemoryFigures(residentBytes: 8_192, virtualBytes: 65_536))
        }
        clock.advance(by: 1_000_000_000)
        let first = collector.rollover(process: sample(user: 10, system: 2))
        #expect(first.process.cpuUserPercent == 0 && first.process.cpuSystemPercent == 0, "no previous sample")
        #expect(first.process.threads == 4 && first.process.memory.residentBytes == 8_192)
        clock.advance(by: 2_000_000_000)
        let second = collector.rollover(process: sample(user: 11.5, system: 2.25))
        #expect(abs(second.process.cpuUserPercent - 75) < 1e-9)
        #expect(abs(second.process.cpuSystemPercent - 12.5) < 1e-9)
        #expect(collector.totals().cpuUserSeconds == 11.5)
        #expect(collector.totals().cpuSystemSeconds == 2.25)
    }

    @Test("recording from several threads at once loses nothing")
    func concurrentRecording() async {
        let collector = MetricsCollector(pid: 1, clock: metricsClock)
        let perTask = 5_000
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<4 {
                group.addTask {
                    for i in 0..<perTask {
                        collector.recordCommand(name: "cmd\(task)", latencyNanoseconds: Int64(1_000 + i))
                        collector.recordBytesIn(1)
                        collector.recordCacheHit()
                    }
                }
            }
            // Roll over while the others record: nothing may be lost between intervals.
            group.addTask {
                for _ in 0..<20 { _ = collector.rollover(process: nil) }
            }
        }
        clock.advance(by: 1_000_000_000)
        _ = collector.rollover(process: nil)
        let totals = collector.totals()
        #expect(totals.commands == UInt64(4 * perTask))
        #expect(totals.commandLatency.count == UInt64(4 * perTask))
        #expect(totals.bytesIn == UInt64(4 * perTask))
        #expect(totals.cacheHits == UInt64(4 * perTask))
    }

    @Test("the per-interval command table keeps 256 names and folds the rest into (other)")
    func commandNameCap() {
        let collector = MetricsCollector(pid: 1, clock: metricsClock)
        for i in 0..<300 { collector.recordCommand(name: "c\(i)", latencyNanoseconds: 1_000_000) }
        collector.recordCommand(name: "c0", latencyNanoseconds: 1_000_000_000)
        clock.advance(by: 1_000_000_000)
        let snapshot = collector.rollover(process: nil)
        #expect(snapshot.slowestCommands.count == MetricsCollector.slowestCommandLimit)
        #expect(snapshot.slowestCommands[0].name == "c0")
        #expect(snapshot.slowestCommands[1].name == "(other)")
        #expect(snapshot.slowestCommands[1].count == 44)
    }

    @Test("names kept from earlier intervals neither show when unused nor take the table's room")
    func commandNamesAcrossIntervals() {
        let collector = MetricsCollector(pid: 1, clock: metricsClock)
        // Interval 1 fills the table; its interval comes back (emptied) for interval 3.
        for i in 0..<256 { collector.recordCommand(name: "c\(i)", latencyNanoseconds: 1_000_000) }
        clock.advance(by: 1_000_000_000)
        #expect(collector.rollover(process: nil).slowestCommands.count == MetricsCollector.slowestCommandLimit)
        clock.advance(by: 1_000_000_000)
        #expect(collector.rollover(process: nil).slowestCommands.isEmpty)
        collector.recordCommand(name: "c5", latencyNanoseconds: 2_000_000)
        collector.recordCommand(name: "new", latencyNanoseconds: 3_000_000)
        clock.advance(by: 1_000_000_000)
        let third = collector.rollover(process: nil)
        #expect(third.slowestCommands.map(\.name) == ["new", "c5"])
        #expect(third.slowestCommands.map(\.count) == [1, 1])
        #expect(abs(third.slowestCommands[1].p99Seconds - 0.002) < 0.0001)
        #expect(third.commands.count == 2)
    }
}
