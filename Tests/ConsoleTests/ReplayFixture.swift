import Foundation
import ProfileKit
@testable import Console

/// The replay fixture: a deterministic, realistic admin stream (a hello, five history batches,
/// then twenty live snapshots) made with `MetricsSnapshot`, committed as Fixtures/replay.jsonl.
enum ReplayFixture {
    /// The fixture directory.
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    /// The committed recording.
    static var path: String { directory.appendingPathComponent("replay.jsonl").path }
    /// Whether goldens are being re-recorded.
    static var recording: Bool { ProcessInfo.processInfo.environment["MUDSCOPE_RECORD_GOLDEN"] == "1" }

    /// The server the fixture claims to be.
    static let server = ServerIdentity(name: "Lantern Hollow", version: "0.1.0", pid: 41207, startedAt: 1_764_000_000)
    /// Snapshots sent as history.
    static let historyCount = 160
    /// Snapshots sent live after the history.
    static let streamCount = 20

    /// A small deterministic generator (an LCG), so the fixture is the same on every run.
    struct Noise {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
    }

    /// Snapshot number `n` (0-based) of a server that has run `3_400 + n` seconds: steady load with
    /// a burst of commands and lag around n = 100, memory creeping up, the profiler on from n = 130.
    static func snapshot(_ n: Int, noise: inout Noise) -> MetricsSnapshot {
        let uptime = 3_400.0 + Double(n)
        let burst = (100..<118).contains(n) ? 1.0 : 0.0
        let wave = sin(Double(n) / 18)
        let rate = (112 + 14 * wave + 60 * burst + 6 * noise.next()).rounded()
        let p50 = 0.00085 + 0.0002 * noise.next() + 0.0009 * burst
        let p99 = 0.0065 + 0.004 * noise.next() + 0.03 * burst + (n % 97 == 0 ? 0.04 : 0)
        let lag = LatencySummary(count: Int(rate), mean: p50 * 1.4, p50: p50, p90: p50 * 2.4, p99: p99, p999: p99 * 1.3,
                                 max: p99 * 1.6)
        let tickP99 = 0.0018 + 0.002 * noise.next() + 0.06 * burst
        let tickLag = LatencySummary(count: 10, mean: tickP99 / 4, p50: tickP99 / 6, p90: tickP99 / 2, p99: tickP99,
                                     p999: tickP99, max: tickP99)
        let resident = 83_000_000 + n * 21_000 + Int(900_000 * noise.next())
        let profiling = n >= 130
        let slow: [SlowCommand] = [
            SlowCommand(name: "look", count: Int(rate * 0.45), totalSeconds: rate * 0.45 * p50 * 1.2, p99Seconds: p99 * 0.7),
            SlowCommand(name: "say", count: Int(rate * 0.25), totalSeconds: rate * 0.25 * p50, p99Seconds: p99 * 0.5),
            SlowCommand(name: "get", count: Int(rate * 0.12), totalSeconds: rate * 0.12 * p50 * 1.5, p99Seconds: p99 * 0.6),
            SlowCommand(name: "who", count: Int(rate * 0.05), totalSeconds: rate * 0.05 * p50 * 3, p99Seconds: p99 * 0.9),
        ] + (n % 40 == 7 ? [SlowCommand(name: "@dig", count: 1, totalSeconds: 0.0405, p99Seconds: 0.0405)] : [])
        let hot: [HotFunction] = profiling ? [
            HotFunction(name: "Room.renderDescription", file: "Game/Room.swift", line: 88,
                        selfSeconds: 0.018 + 0.006 * noise.next(), calls: Int(rate * 0.45)),
            HotFunction(name: "TelnetDecoder.feed", file: "Telnet/TelnetDecoder.swift", line: 140,
                        selfSeconds: 0.004 + 0.002 * noise.next(), calls: Int(rate * 9)),
            HotFunction(name: "CommandParser.parse", file: "Commands/CommandParser.swift", line: 31,
                        selfSeconds: 0.003 + 0.001 * noise.next(), calls: Int(rate)),
        ] : []
        return MetricsSnapshot(
            sequence: 3_400 + n, time: server.startedAt + uptime, intervalSeconds: 1,
            process: ProcessFigures(
                pid: server.pid, uptimeSeconds: uptime, cpuUserPercent: 24 + 8 * wave + 35 * burst + 4 * noise.next(),
                cpuSystemPercent: 4 + 2 * noise.next() + 6 * burst, threads: 9,
                memory: MemoryFigures(residentBytes: resident, virtualBytes: 1_327_828_992, peakResidentBytes: resident + 2_000_000)),
            commands: CommandFigures(count: Int(rate), perSecond1s: rate, perSecond10s: rate - 2, perSecond60s: 118,
                                     latency: lag),
            executor: ExecutorFigures(periodSeconds: 0.1, ticks: 10, missedTicks: burst > 0 && n % 5 == 0 ? 1 : 0, lag: tickLag),
            sessions: SessionFigures(connected: 22, loggedIn: 20),
            database: DatabaseFigures(writesPerSecond: 40 + 10 * noise.next(), commits: 4, batchSizeMean: 11,
                                      batchSizeMax: 19, commitLatency: .empty, queueDepth: n % 7),
            cache: CacheFigures(objects: 1_500 + n / 10, hits: 900, loads: 12, evictions: 1),
            network: NetworkFigures(bytesIn: 2_400, bytesOut: 61_000),
            slowestCommands: slow.sorted { $0.totalSeconds > $1.totalSeconds },
            profiler: ProfilerFigures(running: profiling, memoryBytes: profiling ? 3_145_728 : 0, hotFunctions: hot))
    }

    /// The fixture's lines, as a server would send them.
    static func lines() -> [AdminServerMessage] {
        var noise = Noise(state: 42)
        let all = (0..<(historyCount + streamCount)).map { snapshot($0, noise: &noise) }
        var messages: [AdminServerMessage] = [.hello(AdminHello(server: server))]
        messages += AdminServerMessage.historyBatches(id: 1, snapshots: Array(all.prefix(historyCount)))
        // Live snapshots carry the session list (protocol 1.1); history never does.
        messages += all.suffix(streamCount).enumerated().map { index, snapshot in
            var live = snapshot
            live.sessionList = sessionList(second: index)
            return .snapshot(id: 2, live)
        }
        return messages
    }

    /// The players of the fixture: name, address, room; the last two are still on the login screen.
    static let players: [(name: String?, address: String, room: String?)] = [
        ("Mira", "203.0.113.7", "The Lantern Inn"), ("Tobin", "198.51.100.23", "Market Square"),
        ("Ysolde", "203.0.113.41", "Old Mill Road"), ("Bram", "192.0.2.15", "The Lantern Inn"),
        ("Corwin", "198.51.100.4", "Hollow Crossroads"), ("Elspeth", "203.0.113.98", "Chapel of Embers"),
        ("Fenwick", "192.0.2.77", "Market Square"), ("Greer", "198.51.100.61", "Whispering Stacks"),
        ("Hale", "203.0.113.12", "The Lantern Inn"), ("Isolde", "192.0.2.130", "Riverside Docks"),
        ("Jory", "198.51.100.200", "Old Mill Road"), ("Kestrel", "203.0.113.150", "Watchtower Stair"),
        ("Linnea", "192.0.2.8", "Chapel of Embers"), ("Marek", "198.51.100.99", "Market Square"),
        ("Nell", "203.0.113.3", "Riverside Docks"), ("Osric", "192.0.2.201", "Hollow Crossroads"),
        ("Pell", "198.51.100.17", "The Lantern Inn"), ("Quill", "203.0.113.66", "Whispering Stacks"),
        ("Rowan", "192.0.2.44", "Watchtower Stair"), ("Sable", "198.51.100.140", "Market Square"),
        (nil, "192.0.2.250", nil), (nil, "203.0.113.201", nil),
    ]

    /// The session list of live second `second`: idle times and command counts move with it.
    static func sessionList(second: Int) -> SessionList {
        let entries = players.enumerated().map { index, player in
            let idle = player.name == nil ? Double(5 + second) : Double((index * 211 + second * 3) % 900)
            return SessionEntry(id: 100 + index, name: player.name, address: player.address, idleSeconds: idle,
                                commands: player.name == nil ? 1 : 40 + index * 53 + second, room: player.room)
        }
        return SessionList(total: entries.count,
                           sessions: entries.sorted { ($0.idleSeconds, $0.id) < ($1.idleSeconds, $1.id) })
    }

    /// The fixture file's bytes.
    static func bytes() -> [UInt8] { lines().flatMap { $0.encodedLine() } }

    /// The model after playing the whole committed fixture.
    static func playedModel(charset: Charset = .unicode) throws -> DashboardModel {
        let recording = try ReplayRecording(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        let source = ReplaySource(recording: recording, name: "replay.jsonl", interval: 0)
        var model = DashboardModel(connection: .connecting(target: "replay.jsonl"), charset: charset)
        for event in source.step(now: 0) { model.apply(event) }
        return model
    }

    /// Compares `actual` with the golden file `name`, or writes it when re-recording.
    static func checkGolden(_ actual: String, _ name: String) throws -> String? {
        let url = directory.appendingPathComponent("golden").appendingPathComponent(name)
        if recording || !FileManager.default.fileExists(atPath: url.path) {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return recording ? nil : "golden \(name) was missing and has been written; run again"
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        return expected == actual ? nil : "\(name) differs from its golden file:\n--- expected\n\(expected)--- actual\n\(actual)"
    }
}
