/// What `ThreadRecorder.enter(_:)` hands back and `exit(_:)` takes: where on its thread's stack the
/// scope sits, and in which recording epoch it was entered.
///
/// A token lets `exit` skip the lock entirely when the scope was entered while the profiler was off,
/// and ignore scopes that a `stop()` or `reset()` already closed.
public struct ScopeToken: Sendable, Equatable {
    /// The stack depth below the scope, or -1 when the scope was not recorded.
    @usableFromInline let depth: Int32
    /// The recording epoch the scope was entered in; `stop()` and `reset()` start a new one.
    @usableFromInline let epoch: UInt32

    @usableFromInline
    init(depth: Int32, epoch: UInt32) {
        self.depth = depth
        self.epoch = epoch
    }

    /// The token of a scope entered while the profiler was not recording.
    @inlinable public static var unrecorded: ScopeToken { ScopeToken(depth: -1, epoch: 0) }

    /// True when the scope is on its recorder's stack.
    @inlinable public var isRecorded: Bool { depth >= 0 }
}
