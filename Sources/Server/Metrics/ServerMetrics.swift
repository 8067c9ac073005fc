import Dispatch
import Foundation
import Logging
import ProfileKit
import SQLiteStore
import Synchronization

/// The live-metrics hub of a running server: the collector every part records into, and the
/// once-a-second rollover (off the game executor) that samples `/proc`, makes a snapshot, keeps it
/// in the ring and in `metrics.db`, and pushes it to admin subscribers.
///
/// The rollover runs on a thread of its own that sleeps to each second's deadline: a GCD timer
/// woke two threads a second (its manager, then a worker), which cost an idle server about
/// 0.1 ms of CPU a second on this kind of VM.
final class ServerMetrics: Sendable {
    /// Most snapshots one history answer carries (the newest of the range): two hours.
    static let historyLimit = 7_200
    /// The hottest functions listed per snapshot while the profiler records.
    static let hotFunctionLimit = 10

    /// Where the server's parts record.
    let collector: MetricsCollector
    /// Who this server is (the admin hello, the `server` command's title).
    let identity: ServerIdentity
    private let profiler: Profiler
    private let logger: Logger
    private let ring: Mutex<MetricsRing>
    private let store: Mutex<MetricsStore?>
    /// Reads `/proc/self/status` for each rollover, keeping the file open between them.
    private let sampler = Mutex(CurrentProcessSampler())
    private let previousProfile = Mutex<Profile?>(nil)
    /// While the profiler is off: the trees' size as last measured, and seconds until the next measure.
    private let idleProfilerMemory = Mutex<(bytes: Int, age: Int)?>(nil)
    private let subscribers = Mutex<[Int: Subscriber]>([:])
    /// The session list the game thread took last, for the next snapshot that carries one.
    private let sessionList = Mutex<SessionList?>(nil)
    /// Set when the next snapshot will carry a session list; the game thread takes it on its tick.
    private let sessionListWanted = Atomic<Bool>(false)
    private let nextSubscriber = Atomic<Int>(1)
    /// Serialises the rollover with history reads and with closing the store.
    private let queue = DispatchQueue(label: "mudserver.metrics")
    /// The rollover thread's stop request and its answer; nil while it does not run.
    private let timer = Mutex<(stop: DispatchSemaphore, stopped: DispatchSemaphore)?>(nil)

    /// A subscription: every `interval`-th snapshot goes to `deliver`, with the session list if
    /// `sessions`.
    struct Subscriber: Sendable {
        let interval: Int
        let sessions: Bool
        let deliver: @Sendable (MetricsSnapshot) -> Void
    }

    /// A hub for this process; `store` keeps history on disk (nil: ring only).
    init(identity: ServerIdentity, profiler: Profiler, store: sending MetricsStore?, logger: Logger,
         ringCapacity: Int = 3_900, clock: MetricsClock = .system) {
        self.identity = identity
        self.profiler = profiler
        self.logger = logger
        self.collector = MetricsCollector(pid: identity.pid, clock: clock)
        self.ring = Mutex(MetricsRing(capacity: ringCapacity))
        self.store = Mutex(store)
    }

    /// Starts the once-a-second rollover (once; later calls do nothing).
    func start() {
        timer.withLock { timer in
            guard timer == nil else { return }
            let signals = (stop: DispatchSemaphore(value: 0), stopped: DispatchSemaphore(value: 0))
            let thread = Thread { [self] in
                // Named from the thread itself: on Linux, a name set before start does not reach
                // the kernel, and `top -H` would show the process name.
                Thread.current.name = "metrics"
                var deadline = DispatchTime.now()
                while true {
                    // A second after the last deadline; after a rollover that overran it, a
                    // second from now (no burst of catch-up snapshots).
                    let now = DispatchTime.now()
                    deadline = deadline + .seconds(1) > now ? deadline + .seconds(1) : now + .seconds(1)
                    if signals.stop.wait(timeout: deadline) == .success { break }
                    queue.sync { _ = rollover() }
                }
                signals.stopped.signal()
            }
            thread.start()
            timer = signals
        }
    }

    /// Stops the rollover and closes the store (waits for a rollover in progress).
    func stop() {
        if let signals = timer.withLock({ timer in defer { timer = nil }; return timer }) {
            signals.stop.signal()
            signals.stopped.wait()
        }
        queue.sync { store.withLock { $0 = nil } }
        subscribers.withLock { $0.removeAll() }
    }

    /// The newest snapshot, if a second has passed since start.
    var latest: MetricsSnapshot? { ring.withLock { $0.latest } }

    /// Snapshots held in memory, and about how many bytes they take (for `server/mem`).
    var ringUsage: (count: Int, bytes: Int) {
        ring.withLock { ring in (ring.count, ring.count * (ring.latest.map { $0.jsonBytes().count } ?? 0)) }
    }

    /// Sends every `interval`-th snapshot (by sequence) to `deliver`, on the metrics thread, until
    /// `unsubscribe` with the returned number; with `sessions`, each carries the session list.
    func subscribe(interval: Int, sessions: Bool = false, _ deliver: @escaping @Sendable (MetricsSnapshot) -> Void) -> Int {
        let id = nextSubscriber.wrappingAdd(1, ordering: .relaxed).oldValue
        subscribers.withLock { $0[id] = Subscriber(interval: max(1, interval), sessions: sessions, deliver: deliver) }
        if sessions { sessionListWanted.store(true, ordering: .relaxed) }
        return id
    }

    /// Whether the game thread should take a session list now (asked once per tick; true at most
    /// once per snapshot that will carry one, so the game pays nothing while nobody asks).
    func takeSessionListRequest() -> Bool {
        sessionListWanted.load(ordering: .relaxed) && sessionListWanted.exchange(false, ordering: .relaxed)
    }

    /// Keeps the list the game thread took for the next snapshot that carries one.
    func setSessionList(_ list: SessionList) {
        sessionList.withLock { $0 = list }
    }

    /// Ends a subscription.
    func unsubscribe(_ id: Int) {
        _ = subscribers.withLock { $0.removeValue(forKey: id) }
    }

    /// The snapshots with `from <= time <= to` (nil: unbounded), oldest first: older ones from
    /// `metrics.db`, the rest from the ring; at most `historyLimit`, the newest. `done` runs on the
    /// metrics thread.
    func history(from: Double?, to: Double?, _ done: @escaping @Sendable ([MetricsSnapshot]) -> Void) {
        queue.async { [self] in
            let recent = ring.withLock { ring in
                (ring.snapshots(from: from ?? -.infinity, to: to ?? .infinity), ring.snapshots.first?.time)
            }
            var older: [MetricsSnapshot] = []
            if recent.1.map({ from ?? -.infinity < $0 }) ?? true {
                do throws(StoreError) {
                    older = try store.withLock { store throws(StoreError) -> [MetricsSnapshot] in
                        try store?.snapshots(from: from, to: to, before: recent.1, limit: Self.historyLimit) ?? []
                    }
                } catch {
                    logger.error("reading metrics history failed: \(error)")
                }
            }
            done(Array((older + recent.0).suffix(Self.historyLimit)))
        }
    }

    /// Closes one interval: called by the timer; tests may call it to force a snapshot.
    @discardableResult
    func rollover() -> MetricsSnapshot {
        let process: ProcessSample?
        do throws(ProcessSampleError) {
            process = try sampler.withLock { sampler throws(ProcessSampleError) in try sampler.sample() }
        } catch {
            process = nil
        }
        let snapshot = collector.rollover(process: process, profiler: profilerFigures())
        ring.withLock { $0.append(snapshot) }
        do throws(StoreError) {
            try store.withLock { store throws(StoreError) in
                try store?.append(snapshot)
                if snapshot.sequence % 60 == 1 { try store?.prune(now: snapshot.time) }
            }
        } catch {
            logger.error("storing a metrics snapshot failed: \(error)")
        }
        let listeners = subscribers.withLock { Array($0.values) }
        let due = listeners.filter { snapshot.sequence % $0.interval == 0 }
        var withSessions = snapshot
        if due.contains(where: \.sessions) { withSessions.sessionList = sessionList.withLock { $0 } }
        for listener in due {
            listener.deliver(listener.sessions ? withSessions : snapshot)
        }
        // Ask the game for a fresh list only when the next snapshot goes to someone who wants it;
        // otherwise drop the old one, so a later subscriber never gets a stale list.
        let next = snapshot.sequence + 1
        if listeners.contains(where: { $0.sessions && next % $0.interval == 0 }) {
            sessionListWanted.store(true, ordering: .relaxed)
        } else {
            sessionList.withLock { $0 = nil }
        }
        return snapshot
    }

    /// Seconds between measures of the call trees' memory while the profiler is off (a measure
    /// merges the trees: cheap when empty, a tenth of a second for a million kept nodes).
    static let idleProfilerMeasureSeconds = 15

    /// The profiler's state; while it records, the functions whose self time grew most since the
    /// last snapshot (a merge of the call trees each second, only while recording).
    private func profilerFigures() -> ProfilerFigures {
        guard profiler.isRecording else {
            let justStopped = previousProfile.withLock { previous in
                defer { previous = nil }
                return previous != nil
            }
            let bytes = idleProfilerMemory.withLock { memory -> Int in
                if !justStopped, let kept = memory, kept.age < Self.idleProfilerMeasureSeconds {
                    memory = (kept.bytes, kept.age + 1)
                    return kept.bytes
                }
                let measured = profiler.snapshot().memoryBytes
                memory = (measured, 0)
                return measured
            }
            return ProfilerFigures(running: false, memoryBytes: bytes)
        }
        idleProfilerMemory.withLock { $0 = nil }
        let snapshot = profiler.snapshot()
        let profile = snapshot.profile()
        let hot = previousProfile.withLock { previous in
            defer { previous = profile }
            return HotFunction.hottest(from: previous ?? Profile(), to: profile, limit: Self.hotFunctionLimit)
        }
        return ProfilerFigures(running: true, memoryBytes: snapshot.memoryBytes, hotFunctions: hot)
    }
}
