import Synchronization

/// A clock that moves only when told to: the fake time source for tests and reproducible runs.
///
/// Reading it never advances it, which is what cProfile's timer contract looks like when a test
/// passes `cProfile.Profile(timer=…)` a counter that the profiled code bumps by hand.
public final class ManualClock: Sendable {
    private let ticks: Atomic<Int64>

    /// A clock that reads `start` until advanced.
    public init(start: Int64 = 0) {
        ticks = Atomic(start)
    }

    /// The current reading, in ticks.
    public var now: Int64 { ticks.load(ordering: .relaxed) }

    /// Moves the clock forward (or back, for a negative `delta`) by `delta` ticks.
    public func advance(by delta: Int64) {
        ticks.wrappingAdd(delta, ordering: .relaxed)
    }

    /// Sets the reading.
    public func set(_ value: Int64) {
        ticks.store(value, ordering: .relaxed)
    }
}
