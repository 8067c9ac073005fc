import Testing
@testable import ProfileKit

@Suite("TickLagMeter")
struct TickLagMeterTests {
    @Test("deadlines stay at start + n x period however late the ticks run")
    func fixedDeadlines() {
        let clock = ManualClock(start: 1_000)
        var meter = TickLagMeter(periodNanoseconds: 100, clock: .manual(clock, epoch: 0))
        #expect(meter.nextDeadline == 1_000)
        clock.set(1_000)
        #expect(meter.tickStarted() == TickOutcome(index: 0, deadline: 1_000, latenessNanoseconds: 0, missed: 0, periodNanoseconds: 100))
        clock.set(1_130)  // tick 1 due at 1100, 30 late
        #expect(meter.tickStarted().latenessNanoseconds == 30)
        #expect(meter.nextDeadline == 1_200, "a late tick does not push the next deadline back")
        clock.set(1_190)  // tick 2 early: lateness 0, not negative
        let early = meter.tickStarted()
        #expect(early.latenessNanoseconds == 0 && early.deadline == 1_200)
        #expect(meter.nextDeadline == 1_300)
    }

    @Test("a tick more than a period late skips the deadlines it overran")
    func missedDeadlines() {
        let clock = ManualClock(start: 0)
        var meter = TickLagMeter(periodNanoseconds: 100, clock: .manual(clock, epoch: 0))
        _ = meter.tickStarted(at: 0)
        let stalled = meter.tickStarted(at: 450)  // tick 1 due at 100: 350 late; 200, 300, 400 passed
        #expect(stalled.index == 1 && stalled.latenessNanoseconds == 350 && stalled.missed == 3)
        #expect(meter.nextIndex == 5 && meter.nextDeadline == 500)
        let next = meter.tickStarted(at: 505)
        #expect(next.index == 5 && next.latenessNanoseconds == 5 && next.missed == 0)
    }

    @Test("the collector corrects executor lag for coordinated omission")
    func collectorCorrection() {
        let clock = ManualClock(start: 0)
        let metricsClock = MetricsClock.manual(clock, epoch: 0)
        let collector = MetricsCollector(pid: 1, clock: metricsClock)
        var meter = TickLagMeter(periodNanoseconds: 100_000_000, clock: metricsClock)  // 100 ms
        for n in 0..<9 { collector.recordTick(meter.tickStarted(at: Int64(n) * 100_000_000 + 1_000_000)) }
        // Tick 9 (due 900 ms) runs 350 ms late: it stood for ticks late by 350, 250 and 150 ms.
        collector.recordTick(meter.tickStarted(at: 1_250_000_000))
        clock.set(1_300_000_000)
        let snapshot = collector.rollover(process: nil)
        #expect(snapshot.executor.ticks == 10)
        #expect(snapshot.executor.missedTicks == 3)
        #expect(snapshot.executor.periodSeconds == 0.1)
        #expect(snapshot.executor.lag.count == 12, "10 ticks plus 2 hidden by the stall")
        #expect(abs(snapshot.executor.lag.max - 0.35) / 0.35 < 0.002)
        #expect(abs(snapshot.executor.lag.p50 - 0.001) / 0.001 < 0.002)
        let totals = collector.totals()
        #expect(totals.executorLag.count == 12)
        #expect(abs(totals.executorLag.sum - (9 * 0.001 + 0.35 + 0.25 + 0.15)) < 1e-9)
        #expect(totals.missedTicks == 3)
    }
}
