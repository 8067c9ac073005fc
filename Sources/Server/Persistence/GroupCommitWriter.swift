import Dispatch
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
        init(store: WorldStore) { self.store = store }
    }

    private let connection: Mutex<Connection>
    private let pending = Mutex(Pending())
    private let queue = DispatchQueue(label: "mudserver.database-writer")
    private let onCommit: @Sendable (UInt64, StoreError?) -> Void
    private let profiler: Profiler
    private let metrics: MetricsCollector?
    private let retryDelays: [Double]

    /// How long to wait before trying a failed backlog again, by failures in a row (seconds).
    static let defaultRetryDelays: [Double] = [1, 2, 5, 10, 30]

    /// Opens its own connection to the database at `path`; transactions are recorded on the
    /// writer thread's recorder of `profiler` while it records.
    init(path: String, synchronous: String, profiler: Profiler = Profiler(), metrics: MetricsCollector? = nil,
         retryDelays: [Double] = GroupCommitWriter.defaultRetryDelays,
         onCommit: @escaping @Sendable (UInt64, StoreError?) -> Void) throws(StoreError)
    {
        precondition(!retryDelays.isEmpty, "the writer needs a retry delay")
        let database = try SQLiteDatabase(path: path, synchronous: synchronous)
        connection = Mutex(Connection(store: WorldStore(database: database, profiler: profiler)))
        self.onCommit = onCommit
        self.profiler = profiler
        self.metrics = metrics
        self.retryDelays = retryDelays
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
    /// changes are still not written (zero, unless the database still fails) and the last error.
    func close() -> (unwritten: Int, error: StoreError?) {
        queue.sync {
            let waiting = connection.withLock { connection in
                connection.closed = true
                return connection.backlog.count
            }
            guard waiting > 0 else { return (0, nil) }
            let error = attempt(nil)
            return (connection.withLock { $0.backlog.count }, error)
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
                try connection.store.apply(ops)
                outcome.written = ops.count
                connection.backlog.removeAll()
                connection.failures = 0
            } catch {
                outcome.failure = error
                if !connection.retryArmed && !connection.closed {
                    connection.retryArmed = true
                    outcome.retryIn = retryDelays[min(connection.failures, retryDelays.count - 1)]
                }
                connection.backlog = WriteOp.withoutSuperseded(ops)
                connection.failures += 1
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
    }
}
