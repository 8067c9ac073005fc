import Testing
@testable import ProfileKit

@Suite("MetricsSnapshot JSON")
struct MetricsSnapshotJSONTests {
    @Test("the JSON shape is stable: snake_case keys, sorted, schema 1 (golden)")
    func golden() throws {
        let json = String(decoding: MetricsFixtures.busySnapshot.jsonBytes(), as: UTF8.self)
        try MetricsFixtures.checkGolden(json + "\n", "snapshot-busy.json")
        #expect(json.hasPrefix("{\"cache\":{\"evictions\":2,"))
        #expect(!json.contains("Seconds") && !json.contains("Bytes"), "no camelCase key leaks out")
    }

    @Test("a snapshot reads back equal, and unknown keys are ignored")
    func roundTrip() throws {
        let bytes = MetricsFixtures.busySnapshot.jsonBytes()
        #expect(try MetricsSnapshot(json: bytes) == MetricsFixtures.busySnapshot)
        var text = String(decoding: bytes, as: UTF8.self)
        text.removeFirst()
        let extended = "{\"added_in_a_later_minor\":[1,2]," + text
        #expect(try MetricsSnapshot(json: Array(extended.utf8)) == MetricsFixtures.busySnapshot)
    }

    @Test("a snapshot from before the database's failure figures reads them as 0; set ones read back")
    func failureFiguresAreOptional() throws {
        let current = String(decoding: MetricsFixtures.busySnapshot.jsonBytes(), as: UTF8.self)
        let older = current.replacingOccurrences(of: "\"failed_commits\":0,", with: "")
            .replacingOccurrences(of: "\"unsaved_writes\":0,", with: "")
        #expect(older.count == current.count - 38)
        #expect(try MetricsSnapshot(json: Array(older.utf8)) == MetricsFixtures.busySnapshot)
        var failing = MetricsFixtures.busySnapshot
        failing.database.failedCommits = 3
        failing.database.unsavedWrites = 41
        let bytes = failing.jsonBytes()
        #expect(String(decoding: bytes, as: UTF8.self).contains("\"failed_commits\":3,\"queue_depth\":3,\"unsaved_writes\":41,"))
        #expect(try MetricsSnapshot(json: bytes) == failing)
    }

    @Test("another schema or a missing section is refused with a message")
    func refusals() throws {
        var future = MetricsFixtures.busySnapshot
        future.schema = 2
        #expect(throws: MetricsSnapshotDecodingError(message: "snapshot schema 2 is not 1")) {
            try MetricsSnapshot(json: future.jsonBytes())
        }
        #expect(throws: MetricsSnapshotDecodingError(message: "field 'process' is missing")) {
            try MetricsSnapshot(json: Array("{\"schema\":1,\"sequence\":1,\"time\":0,\"interval_seconds\":1}".utf8))
        }
    }
}

/// The hand-written snapshot JSON against Foundation's encoder, byte for byte.
@Suite("MetricsSnapshot JSON, written by hand")
struct MetricsSnapshotJSONWriterTests {
    static func foundationBytes(_ snapshot: MetricsSnapshot) throws -> [UInt8] {
        [UInt8](try AdminWire.encoder().encode(snapshot))
    }

    static func expectSame(_ snapshot: MetricsSnapshot, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let mine = snapshot.jsonBytes()
        let foundation = try foundationBytes(snapshot)
        #expect(String(decoding: mine, as: UTF8.self) == String(decoding: foundation, as: UTF8.self),
                sourceLocation: sourceLocation)
    }

    @Test("the busy fixture, with and without a session list")
    func fixture() throws {
        try Self.expectSame(MetricsFixtures.busySnapshot)
        var listed = MetricsFixtures.busySnapshot
        listed.sessionList = SessionList(total: 3, sessions: [
            SessionEntry(id: 1, name: "Ann", address: "127.0.0.1:5000", idleSeconds: 1.5, commands: 4, room: "Hall"),
            SessionEntry(id: 2, name: nil, address: "[::1]:6000", idleSeconds: 0, commands: 0, room: nil),
        ])
        try Self.expectSame(listed)
        var empty = listed
        empty.sessionList = SessionList(total: 0, sessions: [])
        empty.slowestCommands = []
        empty.profiler = .off
        try Self.expectSame(empty)
    }

    @Test("numbers at the edges: non-finite, negative zero, tiny, huge, integral, long fractions")
    func numbers() throws {
        let doubles: [Double] = [
            .nan, .infinity, -.infinity, -0.0, 0, 1, -1, 0.1, 1.0 / 3, 2.5e-7, 1e-5, 0.0001, 123_456_789.125,
            1e15, 1e16, 1e17, 1e21, -1e22, .greatestFiniteMagnitude, .leastNonzeroMagnitude,
            .leastNormalMagnitude, 4_503_599_627_370_496.5, 9_007_199_254_740_992, 1_764_003_725.123456,
            9_007_199_254_740_991, -9_007_199_254_740_991, 18_014_398_509_481_984, 123, -4, 1_048_576, 0.5,
        ]
        for value in doubles {
            var snapshot = MetricsFixtures.busySnapshot
            snapshot.time = value
            snapshot.commands.latency.mean = value
            snapshot.process.cpuUserPercent = -value
            try Self.expectSame(snapshot)
        }
        for value in [Int.min, -1, 0, Int.max] {
            var snapshot = MetricsFixtures.busySnapshot
            snapshot.sequence = value
            snapshot.process.memory.residentBytes = value
            try Self.expectSame(snapshot)
        }
    }

    @Test("strings with quotes, backslashes, slashes, control characters and non-ASCII text")
    func strings() throws {
        var names = ["plain", "", "say \"hi\"", "back\\slash", "a/b", "tab\there", "line\nbreak", "cr\r",
                     "\u{8}\u{c}\u{0}\u{1f}\u{7f}", "Ünïcödé ✓ 🐉", "e\u{301}", "\u{2028}\u{2029}"]
        names += (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }
        for name in names {
            var snapshot = MetricsFixtures.busySnapshot
            snapshot.slowestCommands[0].name = name
            snapshot.profiler.hotFunctions[0].file = name
            snapshot.sessionList = SessionList(total: 1, sessions: [
                SessionEntry(id: 7, name: name, address: name, idleSeconds: 2, commands: 1, room: name),
            ])
            try Self.expectSame(snapshot)
        }
    }
}
