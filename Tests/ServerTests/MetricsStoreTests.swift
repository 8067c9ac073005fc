import Foundation
import ProfileKit
import SQLiteStore
import Testing
@testable import Server

/// `metrics.db`: rows in, ranges out, the newest kept under a limit, old rows pruned by retention.
@Suite struct MetricsStoreTests {
    /// Ten snapshots one second apart, from a collector on a clock moved by hand.
    private static func snapshots() -> [MetricsSnapshot] {
        let clock = ManualClock()
        let collector = MetricsCollector(pid: 7, clock: .manual(clock, epoch: 1_800_000_000))
        return (0..<10).map { index in
            collector.recordCommand(name: "look", latencyNanoseconds: Int64(1_000_000 * (index + 1)))
            clock.advance(by: 1_000_000_000)
            return collector.rollover(process: nil)
        }
    }

    @Test func rangesLimitsAndRetention() throws {
        let path = NSTemporaryDirectory() + "mudscope-metrics-\(UUID().uuidString).db"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let all = Self.snapshots()
        do {
            let store = try MetricsStore(path: path, retentionSeconds: 5)
            for snapshot in all { try store.append(snapshot) }
            #expect(try store.snapshots(from: nil, to: nil, before: nil, limit: 100) == all)
            #expect(try store.snapshots(from: all[2].time, to: all[4].time, before: nil, limit: 100) == Array(all[2...4]))
            #expect(try store.snapshots(from: nil, to: nil, before: all[3].time, limit: 100) == Array(all[..<3]))
            #expect(try store.snapshots(from: nil, to: nil, before: nil, limit: 2) == Array(all[8...]))
        }
        // Reopened (a restart), the rows are still there; pruning keeps the last 5 seconds.
        let store = try MetricsStore(path: path, retentionSeconds: 5)
        #expect(try store.count() == 10)
        try store.prune(now: all[9].time)
        #expect(try store.snapshots(from: nil, to: nil, before: nil, limit: 100) == Array(all[4...]))
    }
}
