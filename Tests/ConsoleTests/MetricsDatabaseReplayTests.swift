import Foundation
import Testing
import ProfileKit
import SQLiteStore
@testable import Console

/// `mudtop --replay metrics.db`: the server's SQLite history, written by the server's own
/// `MetricsStore`, played through the binary; clear errors for other files; reading while a
/// writer holds the database open in WAL mode.
@Suite struct MetricsDatabaseReplayTests {
    /// A fresh path in the temporary directory, and a cleanup for it and its WAL files.
    static func temporaryPath(_ label: String) -> String {
        NSTemporaryDirectory() + "mudtop-\(label)-\(UUID().uuidString.prefix(8)).db"
    }

    static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// The fixture's history snapshots (the server never stores session lists).
    static func snapshots() throws -> [MetricsSnapshot] {
        Array(try ReplayFixture.playedModel().history.prefix(ReplayFixture.historyCount))
    }

    /// The JSON records of a batch run, read back.
    static func records(_ output: String) throws -> [MetricsSnapshot] {
        try output.split(separator: "\n").map { try MetricsSnapshot(json: Array($0.utf8)) }
    }

    @Test func aStoreWrittenByTheServerCodeReplaysInBatchMode() throws {
        let path = Self.temporaryPath("replay-db")
        defer { Self.remove(path) }
        let all = try Self.snapshots()
        do {
            let store = try MetricsStore(path: path, retentionSeconds: 86_400)
            for snapshot in all { try store.append(snapshot) }
        }
        #expect(MetricsDatabaseReplay.isDatabase(path))
        #expect(!MetricsDatabaseReplay.isDatabase(ReplayFixture.path))

        let json = try MudTopBinary.run(["--batch", "--replay", path, "--format", "json"])
        #expect(json.status == 0, "\(json.error)")
        #expect(try Self.records(json.output) == all)
        let first = try MudTopBinary.run(["--batch", "--replay", path, "--format", "csv", "--count", "3"])
        #expect(first.output.split(separator: "\n").count == 4)
        #expect(first.output.split(separator: "\n")[1].hasPrefix(CFormat.fixed(all[0].time, precision: 3) + ","))
        let text = try MudTopBinary.run(["--batch", "--replay", path, "--count", "1"])
        #expect(text.output.hasPrefix("mudtop - server  pid 41207  up 56m 40s"), "\(text.output)")

        // The screen gets at most what the model keeps: the newest rows, oldest first.
        let newest = try MetricsDatabaseReplay.recording(path: path, limit: 5)
        #expect(newest.history == Array(all.suffix(5)) && newest.stream.isEmpty && newest.hello == nil)
        var model = DashboardModel(connection: .connecting(target: path))
        for event in ReplaySource(recording: newest, name: path, interval: 0).step(now: 0) { model.apply(event) }
        #expect(model.history == Array(all.suffix(5)))
        #expect(model.connection == .replayEnded(file: path))
    }

    @Test func anotherSQLiteFileOrATruncatedOneGetsAClearErrorAndNoCrash() throws {
        let other = Self.temporaryPath("replay-other")
        defer { Self.remove(other) }
        do {
            let database = try SQLiteDatabase(path: other)
            try database.execute("CREATE TABLE players(name TEXT); INSERT INTO players VALUES('Mira');")
        }
        let refused = try MudTopBinary.run(["--batch", "--replay", other])
        #expect(refused.status == 1)
        #expect(refused.error == "mudtop: \(other): not a mudserver metrics database (no table metrics)\n")
        #expect(refused.output.isEmpty)

        // A metrics database or a stream file with no snapshot in it says so instead of showing nothing.
        let empty = Self.temporaryPath("replay-empty")
        let emptyStream = Self.temporaryPath("replay-empty-stream")
        defer { Self.remove(empty); Self.remove(emptyStream) }
        _ = try MetricsStore(path: empty, retentionSeconds: 86_400)
        try Data("\n".utf8).write(to: URL(fileURLWithPath: emptyStream))
        for path in [empty, emptyStream] {
            let nothing = try MudTopBinary.run(["--batch", "--replay", path])
            #expect(nothing.status == 1)
            #expect(nothing.error.hasPrefix("mudtop: \(path): holds no snapshot to replay"), "\(nothing.error)")
        }

        let path = Self.temporaryPath("replay-truncated")
        defer { Self.remove(path) }
        do {
            let store = try MetricsStore(path: path, retentionSeconds: 86_400)
            for snapshot in try Self.snapshots() { try store.append(snapshot) }
        }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.count > 64 * 1024)
        for length in [100, 4_096, bytes.count / 2] {
            try bytes.prefix(length).write(to: URL(fileURLWithPath: path))
            let run = try MudTopBinary.run(["--batch", "--replay", path, "--format", "json"])
            // A clean exit status (not a signal), one line naming the file.
            #expect(run.status == 1, "length \(length): \(run.status) \(run.error)")
            #expect(run.error.hasPrefix("mudtop: \(path): ") && run.error.split(separator: "\n").count == 1,
                    "length \(length): \(run.error)")
        }
    }

    @Test func aDatabaseAWriterHoldsOpenInWALModeReplaysAndTheWriterGoesOn() throws {
        let path = Self.temporaryPath("replay-wal")
        defer { Self.remove(path) }
        let all = try Self.snapshots()
        let store = try MetricsStore(path: path, retentionSeconds: 86_400)
        for snapshot in all.prefix(100) { try store.append(snapshot) }
        // The rows are in the write-ahead log, not yet in the main file.
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))

        let before = try MudTopBinary.run(["--batch", "--replay", path, "--format", "json"])
        #expect(before.status == 0, "\(before.error)")
        #expect(try Self.records(before.output) == Array(all.prefix(100)))

        // The writer was not disturbed, and a second read sees what it wrote since.
        for snapshot in all.dropFirst(100) { try store.append(snapshot) }
        #expect(try store.count() == all.count)
        let after = try MudTopBinary.run(["--batch", "--replay", path, "--format", "json"])
        #expect(after.status == 0, "\(after.error)")
        #expect(try Self.records(after.output) == all)
    }
}
