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
    let control: RecorderControl
    let tree: Mutex<CallTree>

    init(name: String, control: RecorderControl, recording: Bool) {
        self.name = name
        self.control = control
        var tree = CallTree()
        tree.recording = recording
        self.tree = Mutex(tree)
    }

    /// Opens a scope at `site`; pass the token to `exit(_:)` when the scope ends.
    @inline(__always)
    public func enter(_ site: ProfileSite) -> ScopeToken {
        guard control.recording.load(ordering: .relaxed) else { return .unrecorded }
        let now = control.clock.now()
        let control = self.control
        return tree.withLock { $0.enter(site: site.id, now: now, control: control) }
    }

    /// Closes the scope `token` came from, and any scope left open inside it.
    @inline(__always)
    public func exit(_ token: ScopeToken) {
        guard token.isRecorded else { return }
        let now = control.clock.now()
        tree.withLock { $0.exit(token, now: now) }
    }

    /// Runs `body` inside a scope at `site`.
    @inline(__always)
    public func withScope<Result, Failure: Error>(
        _ site: ProfileSite, _ body: () throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let token = enter(site)
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
