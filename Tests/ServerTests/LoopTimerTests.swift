import Foundation
import NIOCore
import NIOPosix
import Synchronization
import Testing
@testable import Server

/// The game loop's movable timer: it fires at its deadline, and a timer moved later does not wake
/// the loop at the old time (which a cancelled NIO task does).
@Suite struct LoopTimerTests {
    /// A loop with one timer on it, the times it fired, and the loop thread's run count.
    final class Harness: Sendable {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let firings = Firings()
        private let timer: NIOLoopBound<LoopTimer>
        let threadID: Int32

        init(ownTimer: Bool) throws {
            let loop = group.next()
            let firings = self.firings
            timer = try loop.submit {
                NIOLoopBound(LoopTimer(loop: loop, ownTimer: ownTimer) {
                    firings.times.withLock { $0.append(NIODeadline.now().uptimeNanoseconds.asInt64) }
                }, eventLoop: loop)
            }.wait()
            // "/proc/thread-self" links to "<pid>/task/<tid>" for the thread that reads it.
            threadID = try loop.submit {
                Int32((try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/thread-self"))?
                    .split(separator: "/").last ?? "") ?? -1
            }.wait()
        }

        var isOwnTimer: Bool { get throws { try group.next().submit { self.timer.value.isOwnTimer }.wait() } }

        /// Arms the timer `seconds` from now; returns that deadline.
        @discardableResult
        func arm(inSeconds seconds: Double) throws -> Int64 {
            try group.next().submit {
                let deadline = NIODeadline.now().uptimeNanoseconds.asInt64 + Int64(seconds * 1e9)
                self.timer.value.arm(atUptimeNanoseconds: deadline)
                return deadline
            }.wait()
        }

        /// Arms the timer `seconds` from now, from a task already on the loop; returns that deadline.
        func arm(onLoopInSeconds seconds: Double) -> Int64 {
            let deadline = NIODeadline.now().uptimeNanoseconds.asInt64 + Int64(seconds * 1e9)
            timer.value.arm(atUptimeNanoseconds: deadline)
            return deadline
        }

        func close() throws {
            try group.next().submit { self.timer.value.close() }.wait()
        }

        /// How many times the loop thread has been scheduled to run (`/proc` schedstat's third field).
        func threadRuns() throws -> Int {
            let text = try String(contentsOfFile: "/proc/self/task/\(threadID)/schedstat", encoding: .utf8)
            return Int(text.split(separator: " ")[2].trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        }

        /// When the timer fired, in uptime nanoseconds.
        var fired: [Int64] { firings.times.withLock { $0 } }

        deinit {
            try? group.syncShutdownGracefully()
        }
    }

    final class Firings: Sendable {
        let times = Mutex<[Int64]>([])
    }

    @Test(arguments: [true, false])
    func firesOnceAtItsDeadline(ownTimer: Bool) throws {
        let harness = try Harness(ownTimer: ownTimer)
        let deadline = try harness.arm(inSeconds: 0.15)
        Thread.sleep(forTimeInterval: 0.4)
        let fired = harness.fired
        #expect(fired.count == 1)
        #expect(fired.allSatisfy { $0 >= deadline })
    }

    @Test(arguments: [true, false])
    func aMovedTimerFiresAtItsNewDeadlineOnly(ownTimer: Bool) throws {
        let harness = try Harness(ownTimer: ownTimer)
        try harness.arm(inSeconds: 0.1)
        let moved = try harness.arm(inSeconds: 0.4)
        Thread.sleep(forTimeInterval: 0.25)
        #expect(harness.fired.isEmpty)
        Thread.sleep(forTimeInterval: 0.35)
        let fired = harness.fired
        #expect(fired.count == 1)
        #expect(fired.allSatisfy { $0 >= moved })
    }

    @Test func aClosedTimerDoesNotFire() throws {
        let harness = try Harness(ownTimer: true)
        try harness.arm(inSeconds: 0.1)
        try harness.close()
        try harness.arm(inSeconds: 0.1)
        Thread.sleep(forTimeInterval: 0.3)
        #expect(harness.fired.isEmpty)
    }

    #if os(Linux)
    /// The point of the timer: moving it later costs the sleeping loop no wake-up at the old deadline.
    /// With NIO's scheduled tasks (`ownTimer: false`) the loop does wake there, and this test fails.
    @Test func movingItLaterDoesNotWakeTheLoopAtTheOldDeadline() throws {
        let harness = try Harness(ownTimer: true)
        #expect(try harness.isOwnTimer)
        try harness.arm(inSeconds: 0.1)
        try harness.arm(inSeconds: 0.6)
        Thread.sleep(forTimeInterval: 0.02)
        let before = try harness.threadRuns()
        Thread.sleep(forTimeInterval: 0.3)
        #expect(try harness.threadRuns() == before)
        #expect(harness.fired.isEmpty)
    }

    /// Found by the full suite: a handler that runs before the timer's own event, in the same loop
    /// iteration, re-armed a timerfd whose expiry epoll had already reported; the re-arm cleared
    /// the expiry, NIO's read of the timerfd found nothing and its debug assertion stopped the
    /// process. Here a pipe made readable before the old deadline is handled first and moves the
    /// timer; the move replaces the expired setting, which does not fire.
    @Test func movingAnExpiredTimerFromAnEarlierEventOfTheSameIterationIsSafe() throws {
        let harness = try Harness(ownTimer: true)
        let loop = harness.group.next()
        var ends: [CInt] = [0, 0]
        #expect(pipe(&ends) == 0)
        let (readEnd, writeEnd) = (ends[0], ends[1])
        defer { close(writeEnd) }
        let moved = Mutex<Int64>(0)
        let mover = try loop.submit {
            // Weak: the harness must end on this thread, and the channel lets go of it on the loop.
            NIOLoopBound(Mover { [weak harness] in
                moved.withLock { $0 = harness?.arm(onLoopInSeconds: 0.2) ?? 0 }
            }, eventLoop: loop)
        }.wait()
        let channel = try NIOPipeBootstrap(group: loop)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(mover.value) }
            }
            .takingOwnershipOfDescriptor(input: readEnd).wait()
        defer { try? channel.close().wait() }
        try loop.submit {
            _ = harness.arm(onLoopInSeconds: 0.003)
            var byte: UInt8 = 1
            #expect(write(writeEnd, &byte, 1) == 1)
            // Both become ready while the loop is busy: the pipe first, then the timer.
            Thread.sleep(forTimeInterval: 0.02)
        }.wait()
        Thread.sleep(forTimeInterval: 0.4)
        let fired = harness.fired
        #expect(fired.count == 1)
        #expect(fired.allSatisfy { $0 >= moved.withLock { $0 } })
    }

    /// Calls `action` when its channel reads anything.
    final class Mover: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        private let action: () -> Void

        init(_ action: @escaping () -> Void) {
            self.action = action
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            action()
        }
    }
    #endif
}

private extension UInt64 {
    var asInt64: Int64 { Int64(clamping: self) }
}
