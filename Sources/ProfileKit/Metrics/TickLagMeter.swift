/// Measures how late a fixed-period tick runs: tick n is due at `start + n * period`, and its
/// lateness is the time it ran minus that deadline (STYLE rule 12, py-spy's scheduling).
///
/// Deadlines never drift: a late tick does not push the next one back. A tick that runs more than a
/// period late skips the deadlines it overran (`missed`) instead of running them back to back, so
/// the next deadline is always in the future. The executor owns one meter and asks it when to run
/// next; the collector gets each `TickOutcome`.
public struct TickLagMeter: Sendable {
    /// The period, in nanoseconds.
    public let periodNanoseconds: Int64
    /// When tick 0 was due, in the clock's nanoseconds.
    public let startNanoseconds: Int64
    /// The index of the next tick to run.
    public private(set) var nextIndex: Int64 = 0
    private let clock: MetricsClock

    /// A meter whose tick 0 is due now (by `clock`) and then every `periodNanoseconds` (> 0).
    public init(periodNanoseconds: Int64, clock: MetricsClock) {
        precondition(periodNanoseconds > 0, "a tick period must be positive")
        self.periodNanoseconds = periodNanoseconds
        self.clock = clock
        self.startNanoseconds = clock.nanoseconds()
    }

    /// When the next tick is due, in the clock's nanoseconds: schedule the tick for this time.
    public var nextDeadline: Int64 { startNanoseconds &+ nextIndex &* periodNanoseconds }

    /// Records that the next tick started now (by the clock) and returns how late it was.
    public mutating func tickStarted() -> TickOutcome {
        tickStarted(at: clock.nanoseconds())
    }

    /// Records that the next tick started at `now` and returns how late it was.
    public mutating func tickStarted(at now: Int64) -> TickOutcome {
        let index = nextIndex
        let deadline = nextDeadline
        let lateness = max(0, now - deadline)
        // Deadlines at or before `now` other than this one were overrun: skip them.
        let overrun = lateness / periodNanoseconds
        nextIndex = index + 1 + overrun
        return TickOutcome(index: index, deadline: deadline, latenessNanoseconds: lateness,
                           missed: Int(overrun), periodNanoseconds: periodNanoseconds)
    }
}

/// One tick as `TickLagMeter` saw it.
public struct TickOutcome: Sendable, Equatable {
    /// The tick's index n.
    public var index: Int64
    /// When it was due (start + n * period), in the clock's nanoseconds.
    public var deadline: Int64
    /// How late it started, in nanoseconds (0 when on time or early).
    public var latenessNanoseconds: Int64
    /// Deadlines after this one that passed before it started and will not run.
    public var missed: Int
    /// The meter's period, in nanoseconds.
    public var periodNanoseconds: Int64

    /// An outcome from its parts.
    public init(index: Int64, deadline: Int64, latenessNanoseconds: Int64, missed: Int, periodNanoseconds: Int64) {
        self.index = index
        self.deadline = deadline
        self.latenessNanoseconds = latenessNanoseconds
        self.missed = missed
        self.periodNanoseconds = periodNanoseconds
    }
}
