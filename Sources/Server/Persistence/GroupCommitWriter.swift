import Dispatch
import Foundation
import Logging
import ProfileKit
import SQLiteStore
import Synchronization

/// Writes the game's changes on its own queue, many commands per transaction (group commit).
///
/// The game hands over each command's changes with `submit` and gets a sequence number; once
/// those changes are committed, `onCommit` is called with the highest committed sequence number
/// (and the error, if the transaction failed). The game sends a command's reply only then.
///
/// A failed transaction's changes are not dropped: they are kept, in order, as the backlog, and
/// go first into the next transaction, so a later change to the same row still wins. The backlog
/// keeps one change per row (`WriteOp.withoutSuperseded`), so it grows with what changed, not with
/// how long the database refuses. With no new changes to carry them, the backlog is tried again on
/// its own after `retryDelays` (the last delay repeats). Every change is an upsert or a delete by
/// key, so applying one again is harmless and no change can fail for good on its own: what fails
/// is the disk, the file or a lock (full, read-only, busy), and trying again is what brings the
/// changes in once that is mended. After a failure, the next `onCommit` without an error means the
/// backlog is in the database too.
///
/// With a `heldPath`, the backlog is also kept in that file (`HeldChanges`) while the database
/// refuses it: written at the first failure, then at most once a second while it changes, and at
/// `close`; removed once the backlog is written. A crash or a stop in between leaves the file for
/// the next start to write.
final class GroupCommitWriter: Sendable {
    private struct Pending {
        var batches: [(sequence: UInt64, ops: [WriteOp])] = []
        var nextSequence: UInt64 = 1
        var draining = false
        var transactions = 0
        var committedOps = 0
        var queuedOps = 0
    }

    /// What only the writer's queue touches.
    private final class Connection {
        let store: WorldStore
        /// Changes of failed transactions, oldest first.
        var backlog: [WriteOp] = []
        /// The highest sequence number reported to `onCommit`.
        var reported: UInt64 = 0
        /// Failed attempts in a row (picks the retry delay).
        var failures = 0
        /// Whether a retry of the backlog is scheduled.
        var retryArmed = false
        /// Set by `close`: no more retries.
        var closed = false
        /// The id of this run of failures in the held-changes file (nil: nothing held).
        var heldID: String?
        /// When the held-changes file was last written (uptime seconds), whether the backlog has
        /// changed since, and whether a write of it is scheduled.
        var heldWrittenAt = -Double.infinity
        var heldFileStale = false
        var heldWriteArmed = false
        /// Whether writing the file failed in this run of failures (logged once).
        var heldFileFailed = false
        init(store: WorldStore) { self.store = store }
    }

    private let connection: Mutex<Connection>
    private let pending = Mutex(Pending())
    private let queue = DispatchQueue(label: "mudserver.database-writer")
    private let onCommit: @Sendable (UInt64, StoreError?) -> Void
    private let profiler: Profiler
    private let metrics: MetricsCollector?
    private let retryDelays: [Double]
    private let heldPath: String?
    private let logger: Logger?

    /// How long to wait before trying a failed backlog again, by failures in a row (seconds).
    static let defaultRetryDelays: [Double] = [1, 2, 5, 10, 30]

    /// Opens its own connection to the database at `path`; transactions are recorded on the
    /// writer thread's recorder of `profiler` while it records. Refused changes are also kept in
    /// `heldPath` if given; `logger` hears when that file cannot be written.
    init(path: String, synchronous: String, profiler: Profiler = Profiler(), metrics: MetricsCollector? = nil,
         retryDelays: [Double] = GroupCommitWriter.defaultRetryDelays, heldPath: String? = nil,
         logger: Logger? = nil, onCommit: @escaping @Sendable (UInt64, StoreError?) -> Void) throws(StoreError)
    {
        precondition(!retryDelays.isEmpty, "the writer needs a retry delay")
        let database = try SQLiteDatabase(path: path, synchronous: synchronous)
        connection = Mutex(Connection(store: WorldStore(database: database, profiler: profiler)))
        self.onCommit = onCommit
        self.profiler = profiler
        self.metrics = metrics
        self.retryDelays = retryDelays
        self.heldPath = heldPath
        self.logger = logger
    }

    /// Queues one command's changes; returns the sequence number `onCommit` will report.
    func submit(_ ops: [WriteOp]) -> UInt64 {
        let (sequence, startDrain) = pending.withLock { state -> (UInt64, Bool) in
            let sequence = state.nextSequence
            state.nextSequence += 1
            state.batches.append((sequence, ops))
            state.queuedOps += ops.count
            metrics?.setDatabaseQueueDepth(state.queuedOps)
            let start = !state.draining
            state.draining = true
            return (sequence, start)
        }
        if startDrain {
            queue.async { self.drain() }
        }
        return sequence
    }

    /// Blocks until everything submitted so far is committed (or has failed).
    func flush() {
        queue.sync {}
    }

    /// At shutdown, after the last submit: blocks until everything is committed and, if failed
    /// changes are still waiting, tries them once more; no retry runs after this. Returns how many
    /// changes are still not written (zero, unless the database still fails), the last error, and
    /// the held-changes file that keeps them for the next start (nil: none could be written).
    func close() -> (unwritten: Int, error: StoreError?, keptIn: String?) {
        queue.sync {
            let waiting = connection.withLock { connection in
                connection.closed = true
                return connection.backlog.count
            }
            guard waiting > 0 else { return (0, nil, nil) }
            let error = attempt(nil)
            return connection.withLock { connection in
                guard !connection.backlog.isEmpty else { return (0, error, nil) }
                let kept = writeHeldFile(&connection) ? heldPath : nil
                return (connection.backlog.count, error, kept)
            }
        }
    }

    /// Changes of failed transactions not yet written.
    var backlogCount: Int {
        connection.withLock { $0.backlog.count }
    }

    /// How many transactions and changes were committed so far.
    var counts: (transactions: Int, ops: Int) {
        pending.withLock { ($0.transactions, $0.committedOps) }
    }

    private func drain() {
        while true {
            let batches = pending.withLock { state -> [(sequence: UInt64, ops: [WriteOp])] in
                let taken = state.batches
                state.batches.removeAll(keepingCapacity: true)
                state.queuedOps = 0
                metrics?.setDatabaseQueueDepth(0)
                if taken.isEmpty { state.draining = false }
                return taken
            }
            guard let last = batches.last?.sequence else { return }
            profiler.withScope(ServerProbes.databaseBatch) {
                _ = attempt((last, batches.flatMap(\.ops)))
            }
        }
    }

    /// One transaction: the backlog, then `batch`'s changes (if any). Reports to `onCommit`:
    /// `batch`'s sequence, or for the backlog alone the last one reported, and only its success
    /// (a retry that fails again has nothing new to say). On failure everything it held becomes
    /// the backlog, and a retry is scheduled. Runs on the queue.
    private func attempt(_ batch: (sequence: UInt64, ops: [WriteOp])?) -> StoreError? {
        let started = MetricsClock.system.nanoseconds()
        let outcome = connection.withLock { connection in
            let held = connection.backlog.count
            let ops = held == 0 ? batch?.ops ?? [] : connection.backlog + (batch?.ops ?? [])
            var outcome = Outcome(heldBefore: held)
            do throws(StoreError) {
                try connection.store.apply(ops, heldID: held > 0 ? connection.heldID : nil)
                outcome.written = ops.count
                connection.backlog.removeAll()
                connection.failures = 0
                if held > 0 { releaseHeldFile(&connection) }
            } catch {
                outcome.failure = error
                if !connection.retryArmed && !connection.closed {
                    connection.retryArmed = true
                    outcome.retryIn = retryDelays[min(connection.failures, retryDelays.count - 1)]
                }
                connection.backlog = WriteOp.withoutSuperseded(ops)
                connection.failures += 1
                outcome.writeHeldIn = keepHeldFile(&connection)
            }
            if let batch { connection.reported = max(connection.reported, batch.sequence) }
            outcome.sequence = connection.reported
            outcome.heldAfter = connection.backlog.count
            return outcome
        }
        if outcome.failure != nil {
            metrics?.recordDatabaseFailure(unsavedWrites: outcome.heldAfter)
        } else {
            metrics?.recordDatabaseCommit(writes: outcome.written,
                                          latencyNanoseconds: MetricsClock.system.nanoseconds() - started)
            if outcome.heldBefore > 0 { metrics?.setDatabaseUnsavedWrites(0) }
            pending.withLock {
                $0.transactions += 1
                $0.committedOps += outcome.written
            }
        }
        if batch != nil || outcome.failure == nil {
            profiler.withScope(ServerProbes.commitCallback) { onCommit(outcome.sequence, outcome.failure) }
        }
        if let delay = outcome.writeHeldIn {
            queue.asyncAfter(deadline: .now() + delay) { [self] in
                connection.withLock { connection in
                    connection.heldWriteArmed = false
                    guard connection.heldFileStale, !connection.backlog.isEmpty else { return }
                    _ = writeHeldFile(&connection)
                }
            }
        }
        if let retryIn = outcome.retryIn {
            queue.asyncAfter(deadline: .now() + retryIn) { [self] in
                let waiting = connection.withLock { connection in
                    connection.retryArmed = false
                    return !connection.backlog.isEmpty && !connection.closed
                }
                guard waiting else { return }
                _ = attempt(nil)
            }
        }
        return outcome.failure
    }

    /// What one transaction came to.
    private struct Outcome {
        /// Changes of failed transactions held before it, and after it.
        var heldBefore: Int
        var heldAfter = 0
        /// Changes it wrote (0 when it failed).
        var written = 0
        var failure: StoreError?
        /// The sequence number to report.
        var sequence: UInt64 = 0
        /// When to retry, if this failure armed the retry.
        var retryIn: Double?
        /// When to write the held-changes file, if this failure armed that.
        var writeHeldIn: Double?
    }

    // MARK: The held-changes file (on the queue, under the connection's lock)

    /// After a failure: writes the backlog to the held-changes file now if it was not written in
    /// the last second, else marks it stale; returns the delay of a write to arm, if one is needed.
    private func keepHeldFile(_ connection: inout Connection) -> Double? {
        guard heldPath != nil else { return nil }
        if connection.heldID == nil { connection.heldID = UUID().uuidString }
        let wait = connection.heldWrittenAt + 1 - Self.uptime()
        guard wait > 0 else {
            _ = writeHeldFile(&connection)
            return nil
        }
        connection.heldFileStale = true
        guard !connection.heldWriteArmed else { return nil }
        connection.heldWriteArmed = true
        return wait
    }

    /// Writes the backlog to the held-changes file; false if there is no file or it failed.
    private func writeHeldFile(_ connection: inout Connection) -> Bool {
        guard let heldPath else { return false }
        let id = connection.heldID ?? UUID().uuidString
        connection.heldID = id
        connection.heldWrittenAt = Self.uptime()
        connection.heldFileStale = false
        do throws(FileWriteError) {
            try HeldChanges(id: id, written: Date().timeIntervalSince1970, changes: connection.backlog).write(to: heldPath)
            return true
        } catch {
            if !connection.heldFileFailed {
                logger?.error("\(error); the \(HeldChanges.counted(connection.backlog.count)) not saved are kept in memory only")
            }
            connection.heldFileFailed = true
            return false
        }
    }

    /// After the backlog is written (its id recorded with it): the file is no longer needed.
    private func releaseHeldFile(_ connection: inout Connection) {
        guard let heldPath, connection.heldID != nil else { return }
        HeldChanges.remove(at: heldPath)
        connection.heldID = nil
        connection.heldWrittenAt = -.infinity
        connection.heldFileStale = false
        connection.heldFileFailed = false
    }

    private static func uptime() -> Double {
        Double(DispatchTime.now().uptimeNanoseconds) / 1e9
    }
}
