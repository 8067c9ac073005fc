import Foundation
import Testing
@testable import ProfileKit

@Suite("PrometheusExposition")
struct PrometheusExpositionTests {
    /// Totals made through a collector, so the histograms are the ones the server would expose.
    static func exposition() -> String {
        let clock = ManualClock(start: 0)
        let collector = MetricsCollector(pid: 41_207, clock: .manual(clock, epoch: 1_764_000_000))
        for ms in [1, 2, 2, 3, 8, 40, 120, 900, 12_000] {
            collector.recordCommand(name: "look", latencyNanoseconds: Int64(ms) * 1_000_000)
        }
        var meter = TickLagMeter(periodNanoseconds: 100_000_000, clock: .manual(clock, epoch: 0))
        for late in [0, 1, 30] { collector.recordTick(meter.tickStarted(at: meter.nextDeadline + Int64(late) * 1_000_000)) }
        collector.recordDatabaseCommit(writes: 12, latencyNanoseconds: 2_500_000)
        collector.recordBytesIn(2_410)
        collector.recordBytesOut(61_933)
        collector.recordCacheHit()
        collector.recordCacheLoad()
        collector.recordCacheEvictions(2)
        clock.advance(by: 1_000_000_000)
        _ = collector.rollover(process: ProcessSample(userCPUSeconds: 12.5, systemCPUSeconds: 1.25, threads: 9,
                                                      memory: MemoryFigures(residentBytes: 1, virtualBytes: 2)))
        return PrometheusExposition.render(snapshot: MetricsFixtures.busySnapshot, totals: collector.totals())
    }

    @Test("the exposition matches the golden file")
    func golden() throws {
        try MetricsFixtures.checkGolden(Self.exposition(), "prometheus.txt")
    }

    @Test("every family has HELP and TYPE, counters end in _total, histograms are cumulative")
    func shape() {
        let lines = Self.exposition().split(separator: "\n").map(String.init)
        var types: [String: String] = [:]
        for line in lines where line.hasPrefix("# TYPE ") {
            let parts = line.split(separator: " ")
            types[String(parts[2])] = String(parts[3])
        }
        #expect(types.count == PrometheusExposition.families.count)
        for (name, type) in types {
            #expect(name.hasPrefix("mud_"))
            #expect(lines.contains { $0.hasPrefix("# HELP \(name) ") })
            #expect((type == "counter") == name.hasSuffix("_total"), "\(name) is a \(type)")
        }
        let buckets = lines.filter { $0.hasPrefix("mud_command_latency_seconds_bucket") }
        let counts = buckets.compactMap { $0.split(separator: " ").last.flatMap { Int($0) } }
        #expect(counts == counts.sorted())
        #expect(buckets.last == "mud_command_latency_seconds_bucket{le=\"+Inf\"} 9")
        #expect(lines.contains("mud_command_latency_seconds_bucket{le=\"0.001\"} 1"))
        #expect(lines.contains("mud_command_latency_seconds_count 9"))
        #expect(lines.contains("mud_executor_lag_seconds_count 3"))
        #expect(lines.contains("mud_process_cpu_user_seconds_total 12.5"))
        #expect(lines.contains("mud_network_sent_bytes_total 61933"))
    }

    @Test("promtool check metrics accepts the exposition", .enabled(if: PrometheusExpositionTests.promtool != nil))
    func promtoolAccepts() throws {
        guard let promtool = Self.promtool else { return }
        let process = Process()
        process.executableURL = promtool
        process.arguments = ["check", "metrics"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        input.fileHandleForWriting.write(Data(Self.exposition().utf8))
        try input.fileHandleForWriting.close()
        let said = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "promtool: \(said)")
        #expect(said.isEmpty, "promtool lint: \(said)")
    }

    static let promtool: URL? = ["/usr/bin/promtool", "/usr/local/bin/promtool"]
        .map(URL.init(fileURLWithPath:))
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }
}
