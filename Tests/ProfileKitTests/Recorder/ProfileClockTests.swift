import Foundation
import Testing
@testable import ProfileKit

/// The recorder's time sources.
@Suite("Recorder: clocks")
struct ProfileClockTests {
    @Test("the cycle counter agrees with CLOCK_MONOTONIC across a 50 ms sleep",
          .enabled(if: ProfileClock.cycleCounter != nil))
    func cycleCounterCalibrated() throws {
        let cycles = try #require(ProfileClock.cycleCounter)
        let monotonic = ProfileClock.monotonic
        let (c0, m0) = (cycles.now(), monotonic.now())
        Thread.sleep(forTimeInterval: 0.05)
        let (c1, m1) = (cycles.now(), monotonic.now())
        let byCycles = Double(c1 - c0) * cycles.secondsPerTick
        let byMonotonic = Double(m1 - m0) * monotonic.secondsPerTick
        #expect(byMonotonic >= 0.05)
        #expect(abs(byCycles - byMonotonic) < 0.2 * byMonotonic, "\(byCycles) s vs \(byMonotonic) s")
        #expect(ProfileClock.wall.name == "cycle-counter")
    }

    @Test("process CPU time advances with work done")
    func processCPUTime() {
        let clock = ProfileClock.processCPUTime
        let start = clock.now()
        Thread.sleep(forTimeInterval: 0.02)
        var sink: UInt64 = 1
        for i in 0..<2_000_000 { sink = sink &* 6_364_136_223_846_793_005 &+ UInt64(i) }
        let end = clock.now()
        #expect(sink != 0)
        #expect(end > start)
        #expect(clock.name == "process-cpu")
    }

    @Test("manual and custom clocks read what they are given")
    func injectedClocks() {
        let manual = ManualClock(start: 100)
        let clock = ProfileClock.manual(manual, secondsPerTick: 1e-3)
        #expect(clock.now() == 100)
        manual.advance(by: 5)
        #expect(clock.now() == 105)
        manual.set(7)
        #expect(clock.now() == 7)
        #expect(clock.secondsPerTick == 1e-3)
        #expect(ProfileClock.custom(secondsPerTick: 2) { 41 }.now() == 41)
    }
}
