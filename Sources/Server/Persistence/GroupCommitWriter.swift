import Dispatch
import ProfileKit
import SQLiteStore
import Synchronization

/// Writes the game's changes on its own queue, many commands per transaction (group commit).
///
/// The game hands over each command's changes with `submit` and gets a sequence number; once
/// those changes are committed, `onCommit` is called with the highest committed sequence number
/// (and the error, if the transaction failed). The game sends a command's reply only then.
final class GroupCommitWriter: Sendable {
    private struct Pending {
        var batches: [(sequence: UInt64, ops: [WriteOp])] = []
        var nextSequence: UInt64 = 1
        var draining = false
        var transactions = 0
        var committedOps = 0
        var queuedOps = 0
    }

    private final class Connection {
        let store: WorldStore
        init(store: WorldStore) { self.store = store }
    }

    private let connection: Mutex<Connection>
    private let pending = Mutex(Pending())
    private let queue = DispatchQueue(label: "mudserver.database-writer")
    private let onCommit: @Sendable (UInt64, StoreError?) -> Void
    private let profiler: Profiler
    private let metrics: MetricsCollector?

    /// Opens its own connection to the database at `path`; transactions are recorded on the
    /// writer thread's recorder of `profiler` while it records.
    init(path: String, synchronous: String, profiler: Profiler = Profiler(), metrics: MetricsCollector? = nil,
         onCommit: @escaping @Sendable (UInt64, StoreError?) -> Void) throws(StoreError)
    {
        let database = try SQLiteDatabase(path: path, synchronous: synchronous)
        connection = Mutex(Connection(store: WorldStore(database: database, profiler: profiler)))
        self.onCommit = onCommit
        self.profiler = profiler
        self.metrics = metrics
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

    /// Blocks until everything submitted so far is committed.
    func flush() {
        queue.sync {}
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
                let ops = batches.flatMap(\.ops)
                let started = MetricsClock.system.nanoseconds()
                let failure: StoreError? = connection.withLock { connection in
                    do throws(StoreError) {
                        try connection.store.apply(ops)
                        return nil
                    } catch {
                        return error
                    }
                }
                if failure == nil {
                    metrics?.recordDatabaseCommit(writes: ops.count,
                                                  latencyNanoseconds: MetricsClock.system.nanoseconds() - started)
                }
                pending.withLock {
                    $0.transactions += 1
                    $0.committedOps += ops.count
                }
                profiler.withScope(ServerProbes.commitCallback) { onCommit(last, failure) }
            }
        }
    }
}
