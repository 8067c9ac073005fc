import Foundation
import ProfileKit
import SQLiteStore
import Synchronization
import Testing
@testable import Server

/// The database writer when the database refuses writes (a full disk, a read-only file, a lock
/// held elsewhere): the changes are kept, in order, and written once the database takes them.
@Suite struct GroupCommitWriterTests {
    /// A game's database with a writer over it, and a switch that makes writes of attributes fail
    /// (a trigger raises an error, as SQLite does when the disk is full).
    private final class Bench {
        /// What `onCommit` was told: each sequence number and whether it failed.
        private final class Reports: Sendable {
            let list = Mutex<[(sequence: UInt64, failed: Bool)]>([])
        }

        let directory: GameDirectory
        let writer: GroupCommitWriter
        let metrics = MetricsCollector(pid: 1)
        private let reports = Reports()
        private let control: WorldStore

        /// A bench whose writer keeps refused changes in the game's held-changes file if `held`.
        init(_ label: String, retryDelays: [Double], held: Bool = false) throws {
            directory = try makeGameDirectory(label)
            let reports = self.reports
            writer = try GroupCommitWriter(path: directory.databaseFile, synchronous: "NORMAL", metrics: metrics,
                                           retryDelays: retryDelays,
                                           heldPath: held ? directory.heldChangesFile : nil) {
                sequence, error in reports.list.withLock { $0.append((sequence, error != nil)) }
            }
            control = WorldStore(database: try SQLiteDatabase(path: directory.databaseFile))
        }

        deinit { removeGameDirectory(directory) }

        func failWrites(_ failing: Bool) throws {
            let database = try SQLiteDatabase(path: directory.databaseFile)
            try database.execute(failing
                ? "CREATE TRIGGER refuse BEFORE INSERT ON attributes BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;"
                : "DROP TRIGGER refuse;")
        }

        /// What `onCommit` was told, in order: each sequence number and whether it failed.
        var told: [String] {
            reports.list.withLock { $0.map { "\($0.sequence)\($0.failed ? " failed" : "")" } }
        }

        /// Limbo's attributes, as the database has them.
        func attributes() throws -> [String: String] {
            try control.attributes(of: 1)
        }

        /// The held-changes file's changes (nil: no file).
        func held() throws -> [WriteOp]? {
            try HeldChanges.read(from: directory.heldChangesFile)?.changes
        }

        /// The id the database records as the last held changes it wrote.
        func heldWritten() throws -> String? {
            try control.meta(HeldChanges.metaKey)
        }

        /// Waits (at most 10 s) until `onCommit` has been told `count` things.
        func waitForReports(_ count: Int) {
            for _ in 0..<1000 where reports.list.withLock({ $0.count }) < count { usleepSeconds(0.01) }
        }
    }

    private static func set(_ key: String, _ value: String) -> [WriteOp] {
        [.setAttribute(objectID: 1, key: key, value: value)]
    }

    @Test func failedChangesAreRetriedInOrderOnTheirOwnUntilTheDatabaseTakesThem() throws {
        let bench = try Bench("retry", retryDelays: [0.05, 0.1])
        try bench.failWrites(true)
        #expect(bench.writer.submit(Self.set("gold", "5") + Self.set("silver", "1")) == 1)
        bench.writer.flush()
        #expect(bench.writer.submit(Self.set("gold", "7")) == 2)
        bench.writer.flush()
        // Retries that fail again tell nothing new; the held changes are one per row (gold 7 made
        // gold 5 moot).
        usleepSeconds(0.4)
        #expect(bench.told == ["1 failed", "2 failed"])
        #expect(bench.writer.backlogCount == 2)
        #expect(try bench.attributes().isEmpty)
        // The live metrics show the failures (the two batches' and the retries') and what is held.
        let failing = bench.metrics.rollover(process: nil).database
        #expect(failing.failedCommits >= 3 && failing.unsavedWrites == 2 && failing.commits == 0)

        try bench.failWrites(false)
        bench.waitForReports(3)
        #expect(bench.told == ["1 failed", "2 failed", "2"])
        #expect(try bench.attributes() == ["gold": "7", "silver": "1"])
        #expect(bench.writer.backlogCount == 0)
        let mended = bench.metrics.rollover(process: nil).database
        #expect(mended.unsavedWrites == 0 && mended.commits == 1 && mended.writesPerSecond > 0)
        #expect(bench.metrics.totals().databaseFailedCommits >= 3)
        // Failed attempts count neither as transactions nor as changes written.
        #expect(bench.writer.counts.ops == 2)
        #expect(bench.writer.counts.transactions == 1)
    }

    @Test func theNextBatchCarriesTheFailedOnesFirst() throws {
        let bench = try Bench("carry", retryDelays: [60])
        try bench.failWrites(true)
        _ = bench.writer.submit(Self.set("gold", "5") + Self.set("silver", "1"))
        bench.writer.flush()
        try bench.failWrites(false)
        _ = bench.writer.submit(Self.set("gold", "9"))
        bench.writer.flush()
        #expect(bench.told == ["1 failed", "2"])
        #expect(try bench.attributes() == ["gold": "9", "silver": "1"])
        #expect(bench.writer.backlogCount == 0)
    }

    /// While the database refuses them, the changes are in the held-changes file too, rewritten at
    /// most once a second; once written, the file goes and the database records its id.
    @Test func refusedChangesAreKeptInTheHeldFileUntilTheDatabaseTakesThem() throws {
        let bench = try Bench("held", retryDelays: [0.05], held: true)
        #expect(try bench.held() == nil)
        try bench.failWrites(true)
        _ = bench.writer.submit(Self.set("gold", "5"))
        bench.writer.flush()
        #expect(try bench.held() == Self.set("gold", "5"))
        let id = try #require(try HeldChanges.read(from: bench.directory.heldChangesFile)?.id)
        _ = bench.writer.submit(Self.set("gold", "7") + Self.set("silver", "1"))
        bench.writer.flush()
        #expect(try bench.held() == Self.set("gold", "5"), "written less than a second ago: not yet again")
        for _ in 0..<300 where try bench.held() == Self.set("gold", "5") { usleepSeconds(0.01) }
        #expect(try bench.held() == Self.set("gold", "7") + Self.set("silver", "1"))
        #expect(try HeldChanges.read(from: bench.directory.heldChangesFile)?.id == id, "one run of failures, one id")
        let mode = try FileManager.default.attributesOfItem(atPath: bench.directory.heldChangesFile)[.posixPermissions]
        #expect(mode as? Int == 0o600)

        try bench.failWrites(false)
        bench.waitForReports(3)
        #expect(try bench.attributes() == ["gold": "7", "silver": "1"])
        #expect(try bench.held() == nil)
        #expect(try bench.heldWritten() == id)
    }

    @Test func closeTriesOnceMoreAndSaysWhatIsLeft() throws {
        let failing = try Bench("close-failing", retryDelays: [60])
        try failing.failWrites(true)
        _ = failing.writer.submit(Self.set("gold", "5"))
        let left = failing.writer.close()
        #expect(left.unwritten == 1)
        #expect(left.error?.reason.contains("disk is full") == true)
        #expect(left.keptIn == nil, "this writer keeps no file")

        let mended = try Bench("close-mended", retryDelays: [60])
        try mended.failWrites(true)
        _ = mended.writer.submit(Self.set("gold", "5"))
        mended.writer.flush()
        try mended.failWrites(false)
        let none = mended.writer.close()
        #expect(none.unwritten == 0)
        #expect(none.error == nil)
        #expect(try mended.attributes()["gold"] == "5")
        #expect(mended.told == ["1 failed", "1"])

        // With the file: what close could not write stays in it, and the next start writes it.
        let kept = try Bench("close-kept", retryDelays: [60], held: true)
        try kept.failWrites(true)
        _ = kept.writer.submit(Self.set("gold", "5"))
        let held = kept.writer.close()
        #expect(held.unwritten == 1 && held.keptIn == kept.directory.heldChangesFile)
        #expect(try kept.held() == Self.set("gold", "5"))
        let store = WorldStore(database: try SQLiteDatabase(path: kept.directory.databaseFile))
        #expect(throws: HeldChangesError.self) { try HeldChanges.restore(from: kept.directory.heldChangesFile, into: store) }
        #expect(try kept.held() == Self.set("gold", "5"), "a refused restore keeps the file")
        try kept.failWrites(false)
        #expect(try HeldChanges.restore(from: kept.directory.heldChangesFile, into: store) == .wrote(1))
        #expect(try kept.attributes()["gold"] == "5")
        #expect(try kept.held() == nil)
        #expect(try HeldChanges.restore(from: kept.directory.heldChangesFile, into: store) == nil)
    }
}
