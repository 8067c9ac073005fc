import NIOCore
import ProfileKit
import Synchronization

/// A fixed-period tick on the game executor whose lateness is the executor's lag: tick n is due at
/// start + n x period (`TickLagMeter`), so a command that holds the game thread shows up as late ticks.
///
/// A timer wakes the thread for each tick, unless the thread is awake anyway: when `awake()` is
/// called (by the telnet handlers, on every read) within `earlyWindow` of the next deadline, that
/// tick runs there and then, on time by definition, and its timer is moved to the next deadline.
/// Under load most ticks so cost no wake-up of their own (on this kind of machine a wake-up costs
/// tens of microseconds); the timer is a `LoopTimer`, because a cancelled NIO task still wakes the
/// loop at its deadline. An idle or stalled thread still gets every tick from its timer, so the
/// lag of a stall is still measured.
final class ExecutorTicker: Sendable {
    /// The tick period: 10 ticks a second gives lag percentiles every second without costing the game.
    static let defaultPeriodNanoseconds: Int64 = 100_000_000

    /// What runs on the loop: the meter, the body and the timer of the next tick. A class, so that
    /// reading the next deadline on every wake-up copies nothing.
    private final class Running {
        var meter: TickLagMeter
        let body: @Sendable (TickOutcome) -> Void
        let timer: LoopTimer

        init(meter: TickLagMeter, body: @escaping @Sendable (TickOutcome) -> Void, timer: LoopTimer) {
            self.meter = meter
            self.body = body
            self.timer = timer
        }
    }

    private let loop: any EventLoop
    private let periodNanoseconds: Int64
    /// How long before its deadline a tick may run on a wake-up it did not cause.
    let earlyWindowNanoseconds: Int64
    private let clock: MetricsClock
    private let stopped = Atomic<Bool>(false)
    private let running: NIOLoopBoundBox<Running?>

    /// A ticker on `loop` (the game executor's) with the given period; ticks may run up to half a
    /// period early on a wake-up that was going to happen anyway.
    init(loop: any EventLoop, periodNanoseconds: Int64 = ExecutorTicker.defaultPeriodNanoseconds,
         clock: MetricsClock = .system) {
        self.loop = loop
        self.periodNanoseconds = periodNanoseconds
        self.earlyWindowNanoseconds = periodNanoseconds / 2
        self.clock = clock
        running = .makeEmptyBox(valueType: Running.self, eventLoop: loop)
    }

    /// Starts ticking; `body` runs on the executor with each tick's outcome.
    func start(_ body: @escaping @Sendable (TickOutcome) -> Void) {
        let (period, clock) = (periodNanoseconds, self.clock)
        loop.execute { [self] in
            // CLOCK_MONOTONIC, the clock NIODeadline and the timer use on Linux, so deadlines line up.
            let timer = LoopTimer(loop: loop) { [weak self] in self?.timerFired() }
            running.value = Running(meter: TickLagMeter(periodNanoseconds: period, clock: clock), body: body, timer: timer)
            arm()
        }
    }

    /// The game thread is awake for other work: runs the next tick now if it is due within the
    /// early window. Call on the executor; cheap (a clock read) when no tick is near.
    func awake() {
        guard let deadline = running.value?.meter.nextDeadline,
              clock.nanoseconds() >= deadline - earlyWindowNanoseconds
        else { return }
        tick()
    }

    /// Stops after the tick in progress (if any); the timer closes at its next firing.
    func stop() {
        stopped.store(true, ordering: .relaxed)
    }

    private func timerFired() {
        guard let deadline = running.value?.meter.nextDeadline else { return }
        // The timer is only ever armed for the next deadline, so this is a guard, not a branch
        // that runs: should it fire early anyway, the tick waits for its deadline.
        guard clock.nanoseconds() >= deadline else { return arm() }
        tick()
    }

    private func tick() {
        guard !stopped.load(ordering: .relaxed), let state = running.value else {
            running.value?.timer.close()
            return
        }
        let outcome = state.meter.tickStarted()
        state.body(outcome)
        arm()
    }

    /// Sets the timer for the next deadline (moving it, when an early run took the tick it was set
    /// for); it runs the tick unless a wake-up takes that one too.
    private func arm() {
        guard !stopped.load(ordering: .relaxed), let deadline = running.value?.meter.nextDeadline else { return }
        running.value?.timer.arm(atUptimeNanoseconds: deadline)
    }
}
