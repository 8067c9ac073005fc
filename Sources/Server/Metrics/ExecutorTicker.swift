import NIOCore
import ProfileKit
import Synchronization

/// A fixed-period tick on the game executor whose lateness is the executor's lag: tick n is due at
/// start + n x period (`TickLagMeter`), so a command that holds the game thread shows up as late ticks.
final class ExecutorTicker: Sendable {
    /// The tick period: 10 ticks a second gives lag percentiles every second without costing the game.
    static let defaultPeriodNanoseconds: Int64 = 100_000_000

    private let loop: any EventLoop
    private let periodNanoseconds: Int64
    private let stopped = Atomic<Bool>(false)

    /// A ticker on `loop` (the game executor's) with the given period.
    init(loop: any EventLoop, periodNanoseconds: Int64 = ExecutorTicker.defaultPeriodNanoseconds) {
        self.loop = loop
        self.periodNanoseconds = periodNanoseconds
    }

    /// Starts ticking; `body` runs on the executor with each tick's outcome.
    func start(_ body: @escaping @Sendable (TickOutcome) -> Void) {
        let period = periodNanoseconds
        loop.execute { [self] in
            // CLOCK_MONOTONIC, the clock NIODeadline uses on Linux, so deadlines line up.
            var meter = TickLagMeter(periodNanoseconds: period, clock: .system)
            func schedule() {
                guard !stopped.load(ordering: .relaxed) else { return }
                let deadline = NIODeadline.uptimeNanoseconds(UInt64(max(0, meter.nextDeadline)))
                loop.assumeIsolated().scheduleTask(deadline: deadline) {
                    guard !self.stopped.load(ordering: .relaxed) else { return }
                    body(meter.tickStarted())
                    schedule()
                }
            }
            schedule()
        }
    }

    /// Stops after the tick in progress (if any).
    func stop() {
        stopped.store(true, ordering: .relaxed)
    }
}
