#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// A deterministic call-graph profiler: per-thread calling-context trees, switched on and off and
/// snapshotted at run time, turned into a pstats `Profile` and folded stacks on demand.
///
/// A server makes one profiler for its lifetime. The game executor gets its own recorder
/// (`makeRecorder(name: "game")`) and keeps it; worker threads use `recorderForCurrentThread()`.
/// Instrumented code enters and exits `ProfileSite`s on its thread's recorder. `start()`, `stop()`,
/// `reset()` and `snapshot()` may be called from any thread at any time; a snapshot neither stops
/// nor resets recording.
///
/// Stats follow cProfile exactly (see `ProfileSnapshot.profile()`); each thread has its own stack,
/// as each Python thread has, and the threads' numbers are summed.
///
/// ```swift
/// enum Probes {                                        // one interned site per place
///     static let command = ProfileSite("command")
///     static let hashPassword = ProfileSite("hashPassword")
/// }
/// let profiler = Profiler()                            // wall clock, 64 MiB node cap
/// let game = profiler.makeRecorder(name: "game")       // owned by the game executor
/// profiler.start()
///
/// game.withScope(Probes.command) {                     // on the game executor
///     let context = game.currentContext()              // hand work to a worker thread:
///     pool.run {
///         profiler.recorderForCurrentThread()
///             .withScope(Probes.hashPassword, in: context) { hash() }
///     }
/// }
///
/// let snapshot = profiler.snapshot()                   // any thread; recording goes on
/// let prof = snapshot.profile().pstatsData()           // server.prof bytes
/// let folded = snapshot.foldedStacks()                 // server.folded text
/// ```
///
/// A snapshot holds each recorder's lock only to copy its arrays (copy-on-write, O(1)); merging
/// and building the profile happen on the calling thread (about 0.1 to 0.3 s each for a
/// million-node tree in a release build), so dump off the game executor. The first write to a
/// recorder after a snapshot copies its arrays once (a few ms for a million nodes).
public final class Profiler: Sendable {
    /// The configuration the profiler was made with.
    public let configuration: ProfilerConfiguration
    @usableFromInline let control: RecorderControl
    private let recorders = Mutex<[ThreadRecorder]>([])
    private let overhead = Mutex<RecorderOverhead?>(nil)
    private let threadKey: pthread_key_t

    /// A profiler that is not yet recording.
    public init(configuration: ProfilerConfiguration = ProfilerConfiguration()) {
        self.configuration = configuration
        control = RecorderControl(clock: configuration.clock, nodeCapacity: configuration.nodeCapacity)
        var key = pthread_key_t()
        let status = pthread_key_create(&key, nil)
        precondition(status == 0, "pthread_key_create failed: \(status)")
        threadKey = key
    }

    deinit {
        // Threads may still hold a (stale) value under this key; glibc's per-key sequence numbers
        // make `pthread_getspecific` return nil for it if the key is ever created again.
        pthread_key_delete(threadKey)
    }

    /// True while scopes are being recorded.
    @inlinable public var isRecording: Bool { control.recording.load(ordering: .relaxed) }

    /// A new recorder for one thread or executor; the profiler keeps it for its snapshots.
    public func makeRecorder(name: String) -> ThreadRecorder {
        recorders.withLock { list in
            let recorder = ThreadRecorder(name: name, control: control, recording: isRecording)
            list.append(recorder)
            return recorder
        }
    }

    /// Makes `recorder` (one of this profiler's) the calling thread's recorder, for a thread that
    /// owns a named one (an executor): code on that thread asking for its current recorder then
    /// records into the same tree instead of a second one.
    public func bindCurrentThread(to recorder: ThreadRecorder) {
        // The profiler's list keeps the recorder alive, so the thread-local pointer is unretained.
        pthread_setspecific(threadKey, Unmanaged.passUnretained(recorder).toOpaque())
    }

    /// The calling thread's recorder, made on first use (named `thread-N`).
    ///
    /// A recorder outlives its thread inside the profiler, so its numbers stay in the profile;
    /// use long-lived threads (a pool), not one thread per job.
    public func recorderForCurrentThread() -> ThreadRecorder {
        if let pointer = pthread_getspecific(threadKey) {
            return Unmanaged<ThreadRecorder>.fromOpaque(pointer).takeUnretainedValue()
        }
        let count = recorders.withLock { $0.count }
        let recorder = makeRecorder(name: "thread-\(count)")
        bindCurrentThread(to: recorder)
        return recorder
    }

    /// Starts (or resumes) recording and re-measures the recorder's own cost per scope.
    public func start() {
        let measured = RecorderOverhead.measure(clock: configuration.clock, pairs: configuration.calibrationPairs)
        overhead.withLock { $0 = measured ?? $0 }
        recorders.withLock { list in
            control.recording.store(true, ordering: .relaxed)
            for recorder in list { recorder.tree.withLock { $0.recording = true } }
        }
    }

    /// Stops recording. Scopes still open are counted as exited now, as cProfile's `disable()`
    /// does; their later exits are ignored.
    public func stop() {
        recorders.withLock { list in
            control.recording.store(false, ordering: .relaxed)
            for recorder in list {
                let now = control.clock.now()
                recorder.tree.withLock { tree in
                    tree.recording = false
                    tree.flush(now: now)
                }
            }
        }
    }

    /// Forgets everything recorded so far, on every thread, without changing whether recording is
    /// on. Scopes open at this moment are dropped.
    public func reset() {
        recorders.withLock { list in
            for recorder in list {
                let freed = recorder.tree.withLock { $0.reset() }
                control.returnNodes(freed)
            }
        }
    }

    /// The profile so far, merged over all threads, with open scopes counted as exited now.
    /// Recording goes on undisturbed.
    public func snapshot() -> ProfileSnapshot {
        let trees = recorders.withLock { list in
            list.map { recorder in
                let now = control.clock.now()
                return recorder.tree.withLock { $0.snapshot(now: now) }
            }
        }
        let closed = trees.map { $0.closingOpenScopes() }
        return ProfileSnapshot(threads: closed, keys: ProfileSiteTable.shared.allKeys(),
                               clock: configuration.clock,
                               nodeCapacity: configuration.nodeCapacity,
                               overhead: overhead.withLock { $0 })
    }

    /// Runs `body` inside a scope at `site` on the calling thread's recorder.
    @inlinable @inline(__always)
    public func withScope<Result, Failure: Error>(
        _ site: ProfileSite, _ body: () throws(Failure) -> Result
    ) throws(Failure) -> Result {
        guard isRecording else { return try body() }
        return try recorderForCurrentThread().withScope(site, body)
    }
}
