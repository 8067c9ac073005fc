import Foundation
import NIOCore
import NIOPosix
import ProfileKit
import Synchronization
import Testing
@testable import Server

/// The executor-lag tick: timers when the thread sleeps, early runs when it is awake anyway, and
/// late ticks when it stalls.
@Suite struct ExecutorTickerTests {
    /// A ticker with a 2 s period on its own loop, and the outcomes it has delivered.
    final class Harness: Sendable {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let ticker: ExecutorTicker
        let outcomes = Mutex<[TickOutcome]>([])
        let started = Date()

        init(periodSeconds: Double = 2) {
            ticker = ExecutorTicker(loop: group.next(), periodNanoseconds: Int64(periodSeconds * 1e9))
            ticker.start { [weak self] outcome in self?.outcomes.withLock { $0.append(outcome) } }
        }

        var ticks: [TickOutcome] { outcomes.withLock { $0 } }

        /// Calls `awake()` on the loop at `seconds` after the start.
        func awake(at seconds: Double) throws {
            Thread.sleep(forTimeInterval: max(0, seconds - Date().timeIntervalSince(started)))
            try group.next().submit { self.ticker.awake() }.wait()
        }

        func sleep(until seconds: Double) {
            Thread.sleep(forTimeInterval: max(0, seconds - Date().timeIntervalSince(started)))
        }

        deinit {
            ticker.stop()
            try? group.syncShutdownGracefully()
        }
    }

    @Test func aWakeUpNearTheDeadlineRunsTheTickAndItsTimerDoesNotRunItAgain() throws {
        let harness = Harness()
        harness.sleep(until: 0.3)
        #expect(harness.ticks.map(\.index) == [0])
        // Half a period before tick 1 is due (at 2 s) is too early.
        try harness.awake(at: 0.5)
        #expect(harness.ticks.map(\.index) == [0])
        // Inside the window: tick 1 runs now, on time.
        try harness.awake(at: 1.4)
        let early = harness.ticks
        #expect(early.map(\.index) == [0, 1])
        #expect(early.last?.latenessNanoseconds == 0)
        // Its timer was moved to tick 2 (due at 4 s): nothing more by 2.8 s.
        harness.sleep(until: 2.8)
        #expect(harness.ticks.map(\.index) == [0, 1])
    }

    @Test func aSleepingThreadGetsEveryTickFromItsTimer() {
        let harness = Harness(periodSeconds: 0.2)
        harness.sleep(until: 1.1)
        let indices = harness.ticks.map(\.index)
        #expect(indices.count >= 4)
        #expect(indices == Array(0..<Int64(indices.count)))
    }

    @Test func aStalledThreadGetsItsTickLate() throws {
        let harness = Harness(periodSeconds: 0.2)
        harness.sleep(until: 0.1)
        // Hold the loop for 0.75 s; ticks 1 to 4 come due meanwhile.
        try harness.group.next().submit { Thread.sleep(forTimeInterval: 0.75) }.wait()
        harness.sleep(until: 1.2)
        let late = harness.ticks.first { $0.index == 1 }
        #expect((late?.latenessNanoseconds ?? 0) > 400_000_000)
        #expect((late?.missed ?? 0) >= 2)
    }
}
