import Synchronization

/// The recorder of one thread or executor: enter and exit scopes here, always from the same thread.
///
/// Get one per thread from `Profiler.makeRecorder(name:)` (the game executor keeps its own) or
/// `Profiler.recorderForCurrentThread()` (worker threads). The recorder is `Sendable` and every
/// access takes its lock, so it is memory-safe anywhere; but scopes must nest like calls on one
/// stack, so two threads must not interleave scopes on the same recorder.
///
/// Cost: when the profiler is off, `enter` is one relaxed atomic load and `exit` a branch. When on,
/// each of `enter` and `exit` reads the clock once and takes the (uncontended) lock once; the
/// `RecorderBench` target measures the pair.
public final class ThreadRecorder: Sendable {
    /// The thread's name, for reports (`"game"`, `"worker-1"`).
    public let name: String
    @usableFromInline let control: RecorderControl
    let tree: Mutex<CallTree>

    init(name: String, control: RecorderControl, recording: Bool) {
        self.name = name
        self.control = control
        var tree = CallTree()
        tree.recording = recording
        self.tree = Mutex(tree)
    }

    /// Opens a scope at `site`; pass the token to `exit(_:)` when the scope ends.
    ///
    /// The check for "off" is inlined into the caller; only a recorded scope makes a call.
    @inlinable @inline(__always)
    public func enter(_ site: ProfileSite) -> ScopeToken {
        guard control.recording.load(ordering: .relaxed) else { return .unrecorded }
        return enterRecorded(site)
    }

    @usableFromInline
    func enterRecorded(_ site: ProfileSite) -> ScopeToken {
        let now = control.clock.now()
        let control = self.control
        return tree.withLock { $0.enter(site: site.id, now: now, control: control) }
    }

    /// Closes the scope `token` came from, and any scope left open inside it.
    @inlinable @inline(__always)
    public func exit(_ token: ScopeToken) {
        guard token.isRecorded else { return }
        exitRecorded(token)
    }

    @usableFromInline
    func exitRecorded(_ token: ScopeToken) {
        let now = control.clock.now()
        tree.withLock { $0.exit(token, now: now) }
    }

    /// Runs `body` inside a scope at `site`.
    @inlinable @inline(__always)
    public func withScope<Result, Failure: Error>(
        _ site: ProfileSite, _ body: () throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let token = enter(site)
        defer { exit(token) }
        return try body()
    }

    /// The scopes open on this recorder, outermost first: capture it where work is handed to
    /// another thread, and enter it there with `enter(_:in:)` so the work shows under them.
    public func currentContext() -> ProfileContext {
        tree.withLock { $0.context }
    }

    /// Opens the scopes of `context` (their time counts, their calls do not: they were counted on
    /// the thread they came from), then a scope at `site`; pass the token to `exit(_:)`.
    ///
    /// Use it at the top of a job run for another thread, e.g. a worker hashing a password for a
    /// command: the job's time then appears under the command in the merged profile (and in the
    /// command's cumulative time), as time spent on its behalf.
    public func enter(_ site: ProfileSite, in context: ProfileContext) -> ScopeToken {
        guard control.recording.load(ordering: .relaxed) else { return .unrecorded }
        let now = control.clock.now()
        let control = self.control
        return tree.withLock { $0.enter(site: site.id, context: context, now: now, control: control) }
    }

    /// Runs `body` inside a scope at `site` placed under `context` (see `enter(_:in:)`).
    public func withScope<Result, Failure: Error>(
        _ site: ProfileSite, in context: ProfileContext, _ body: () throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let token = enter(site, in: context)
        defer { exit(token) }
        return try body()
    }

    /// Runs `body` inside a scope named after the call site (`#function`, `#fileID`, `#line`).
    ///
    /// This interns the key on every call (a lock and a hash), so prefer a `static let` site on
    /// hot paths.
    public func withScope<Result, Failure: Error>(
        function: String = #function, file: String = #fileID, line: Int = #line,
        _ body: () throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try withScope(ProfileSite(function: function, file: file, line: line), body)
    }

    /// Nodes in this thread's tree.
    public var nodeCount: Int { tree.withLock { $0.nodeCount } }

    /// Bytes this thread's tree holds (array and index capacity).
    public var memoryBytes: Int { tree.withLock { $0.memoryBytes } }
}
