import Foundation
import Testing
@testable import ProfileKit

/// Golden files under Fixtures/metrics; `MUDSCOPE_RECORD_GOLDEN=1` rewrites them.
enum MetricsFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/metrics")

    static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    static func text(_ name: String) throws -> String {
        try String(contentsOf: url(name), encoding: .utf8)
    }

    /// Compares `actual` with the golden file `name`, or records it when asked to.
    static func checkGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        if ProcessInfo.processInfo.environment["MUDSCOPE_RECORD_GOLDEN"] == "1" {
            try actual.write(to: url(name), atomically: true, encoding: .utf8)
            return
        }
        let expected = try text(name)
        #expect(actual == expected, "differs from Fixtures/metrics/\(name); MUDSCOPE_RECORD_GOLDEN=1 re-records",
                sourceLocation: sourceLocation)
    }

    static let identity = ServerIdentity(name: "Lantern Hollow", version: "0.1.0", pid: 41_207, startedAt: 1_764_000_000)

    /// A busy server's snapshot with hand-picked figures, for the text and JSON goldens.
    static let busySnapshot = MetricsSnapshot(
        sequence: 3_725, time: 1_764_003_725.5, intervalSeconds: 1.0,
        process: ProcessFigures(
            pid: 41_207, uptimeSeconds: 3_725.5, cpuUserPercent: 37.5, cpuSystemPercent: 6.25, threads: 9,
            memory: MemoryFigures(residentBytes: 85_131_264, virtualBytes: 1_327_828_992, peakResidentBytes: 90_177_536,
                                  anonymousBytes: 61_865_984, fileBytes: 23_265_280, sharedBytes: 0,
                                  dataBytes: 402_653_184, swapBytes: 0)),
        commands: CommandFigures(
            count: 118, perSecond1s: 118, perSecond10s: 121.4, perSecond60s: 119.05,
            latency: LatencySummary(count: 118, mean: 0.00142, p50: 0.000911, p90: 0.00231, p99: 0.0121,
                                    p999: 0.0405, max: 0.0405)),
        executor: ExecutorFigures(
            periodSeconds: 0.1, ticks: 10, missedTicks: 1,
            lag: LatencySummary(count: 11, mean: 0.0118, p50: 0.000452, p90: 0.00377, p99: 0.115, p999: 0.115, max: 0.115)),
        sessions: SessionFigures(connected: 22, loggedIn: 20),
        database: DatabaseFigures(writesPerSecond: 48, commits: 4, batchSizeMean: 12, batchSizeMax: 19,
                                  commitLatency: LatencySummary(count: 4, mean: 0.0021, p50: 0.0019, p90: 0.0031,
                                                                p99: 0.0031, p999: 0.0031, max: 0.0031),
                                  queueDepth: 3),
        cache: CacheFigures(objects: 1_532, hits: 940, loads: 12, evictions: 2),
        network: NetworkFigures(bytesIn: 2_410, bytesOut: 61_933),
        slowestCommands: [
            SlowCommand(name: "look", count: 52, totalSeconds: 0.0612, p99Seconds: 0.0042),
            SlowCommand(name: "@dig", count: 1, totalSeconds: 0.0405, p99Seconds: 0.0405),
            SlowCommand(name: "a-command-name-that-is-far-too-long-to-fit-in-its-column", count: 3,
                        totalSeconds: 0.0031, p99Seconds: 0.0012),
        ],
        profiler: ProfilerFigures(running: true, memoryBytes: 3_145_728, hotFunctions: [
            HotFunction(name: "Room.render_description", file: "world/rooms.swift", line: 88, selfSeconds: 0.0213, calls: 52),
            HotFunction(name: "TelnetDecoder.feed", file: "net/telnet.swift", line: 140, selfSeconds: 0.0044, calls: 1_204),
        ]))
}
