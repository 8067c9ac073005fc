import Testing
@testable import ProfileKit

@Suite("ServerStatusText")
struct ServerStatusTextTests {
    @Test("the server table matches the golden file and fits 80 columns")
    func serverTable() throws {
        let text = ServerStatusText.render(MetricsFixtures.busySnapshot, identity: MetricsFixtures.identity)
        try MetricsFixtures.checkGolden(text, "server-busy.txt")
        for line in text.split(separator: "\n") { #expect(line.count <= 80, "\(line)") }
        #expect(text.contains("CPU user     37.5 % of a core"))
        #expect(text.contains("CPU system   6.2 % of a core"), "6.25 rounds half to even")
    }

    @Test("an idle server with the profiler off: no empty sections")
    func idleTable() throws {
        var snapshot = MetricsFixtures.busySnapshot
        snapshot.commands = CommandFigures(count: 0, perSecond1s: 0, perSecond10s: 0, perSecond60s: 0, latency: .empty)
        snapshot.slowestCommands = []
        snapshot.profiler = .off
        let text = ServerStatusText.render(snapshot, identity: MetricsFixtures.identity)
        try MetricsFixtures.checkGolden(text, "server-idle.txt")
        #expect(text.contains("Command lag  no samples"))
        #expect(text.contains("Profiler     off"))
        #expect(!text.contains("Slowest") && !text.contains("Hottest"))
        #expect(text.contains("Executor     tick every 100 ms: 10 ran, 1 missed"))
    }

    @Test("a database that refuses writes gets a row of its own, only then")
    func failingDatabase() throws {
        #expect(!ServerStatusText.render(MetricsFixtures.busySnapshot, identity: MetricsFixtures.identity).contains("DB FAILING"))
        var snapshot = MetricsFixtures.busySnapshot
        snapshot.database.failedCommits = 3
        snapshot.database.unsavedWrites = 12_345
        let text = ServerStatusText.render(snapshot, identity: MetricsFixtures.identity)
        #expect(text.contains("DB FAILING   12,345 writes held to retry, 3 commits refused in the last 1.00 s"), "\(text)")
        for line in text.split(separator: "\n") { #expect(line.count <= 80, "\(line)") }
    }

    @Test("server/mem matches the golden file and fits 80 columns")
    func memory() throws {
        let text = ServerStatusText.memory(MetricsFixtures.busySnapshot, ringBytes: 7_987_200)
        try MetricsFixtures.checkGolden(text, "server-mem.txt")
        for line in text.split(separator: "\n") { #expect(line.count <= 80, "\(line)") }
    }

    @Test("figures are formatted with fixed precision", arguments: [
        (0.0, "0 ms"), (0.000_85, "850 us"), (0.004_2, "4.20 ms"), (0.012_1, "12.1 ms"), (0.115, "115 ms"), (2.5, "2.50 s"), (42.25, "42.2 s"),
    ])
    func durations(seconds: Double, text: String) {
        #expect(MetricsFormat.duration(seconds) == text)
    }

    @Test("sizes, counts and uptimes")
    func otherFormats() {
        #expect(MetricsFormat.bytes(512) == "512 B")
        #expect(MetricsFormat.bytes(85_131_264) == "81.2 MiB")
        #expect(MetricsFormat.count(1_234_567) == "1,234,567")
        #expect(MetricsFormat.count(-12) == "-12")
        #expect(MetricsFormat.uptime(42) == "42 s")
        #expect(MetricsFormat.uptime(187) == "3m 07s")
        #expect(MetricsFormat.uptime(93_784) == "1d 02h 03m")
        #expect(MetricsFormat.fit("abcdef", 4) == "abc~")
        #expect(MetricsFormat.fit("ab", 4, right: true) == "  ab")
    }
}
