import ProfileKit

/// Where snapshots come from: the live admin socket or a recorded file, behind one interface so
/// the dashboard, batch mode and tests cannot tell them apart (STYLE rule 8).
///
/// Sources are driven by one loop on one thread: it waits on `descriptor` until `deadline`, then
/// calls `step`. Nothing blocks for long inside a source.
protocol MetricsSource: AnyObject {
    /// The descriptor to wait on for input (nil when there is none now).
    var descriptor: Int32? { get }
    /// When the source next has work without input (replay pacing, a reconnect), on `MonotonicClock`.
    var deadline: Double? { get }
    /// Whether the source will never produce another event.
    var isFinished: Bool { get }
    /// Does what is due at `now`: reads what arrived, connects, releases recorded lines.
    func step(now: Double) -> [SourceEvent]
    /// Sends an operator command; its answer comes later as an event (or at once, as a failure).
    func send(_ command: AdminCommand) -> [SourceEvent]
    /// Hangs up.
    func close()
}
