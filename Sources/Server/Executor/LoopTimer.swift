#if os(Linux)
import CTimerFD
import Glibc
#endif
import NIOCore
import NIOPosix

/// A one-shot timer on an event loop that can be moved without waking the loop at its old time.
///
/// NIO's scheduled tasks can be cancelled, but the loop's own timer is only ever moved earlier: it
/// still wakes the thread at a cancelled task's deadline. The executor ticker moves its timer on
/// almost every tick under load (the tick ran early, on a wake-up that came anyway), so with a
/// scheduled task each of those ticks still cost a wake-up. On Linux this timer is a timerfd of its
/// own, re-armed in place (one system call) and read by a pipe channel on the loop; elsewhere, or if
/// the timerfd cannot be had, it is a scheduled task. Use on the loop only.
final class LoopTimer {
    private enum Backing {
        #if os(Linux)
        /// The timerfd, owned by the channel that reads it.
        case timerFD(CInt)
        #endif
        case scheduled(Scheduled<Void>?)
        case closed
    }

    private let loop: any EventLoop
    private let fire: () -> Void
    private var backing: Backing
    /// The deadline last armed (uptime nanoseconds), kept to re-arm a fallback.
    private var deadline: Int64?
    /// The deadline the timerfd is set to in the kernel (nil: disarmed, or its expiry was read).
    private var kernelDeadline: Int64?

    /// A disarmed timer on `loop` that calls `fire` on the loop when an armed deadline passes.
    /// `ownTimer: false` uses a scheduled task even where a timerfd is available.
    init(loop: any EventLoop, ownTimer: Bool = true, fire: @escaping () -> Void) {
        loop.preconditionInEventLoop()
        self.loop = loop
        self.fire = fire
        backing = .scheduled(nil)
        #if os(Linux)
        if ownTimer { openTimerFD() }
        #endif
    }

    /// Whether the timer is its own timerfd (false: a scheduled task).
    var isOwnTimer: Bool {
        #if os(Linux)
        if case .timerFD = backing { return true }
        #endif
        return false
    }

    /// Sets the timer to fire once at `uptimeNanoseconds` (`CLOCK_MONOTONIC`, as `NIODeadline`),
    /// replacing any earlier setting; a deadline already past fires at once.
    func arm(atUptimeNanoseconds uptimeNanoseconds: Int64) {
        deadline = uptimeNanoseconds
        switch backing {
        #if os(Linux)
        case .timerFD(let descriptor):
            // A setting that has expired may be among the events this loop iteration is handling:
            // setting the timer now would clear its expiry, and the channel would then read
            // nothing from a descriptor that epoll called readable (which NIO asserts against).
            // The new deadline is set once that expiry is read (`expired`).
            if let set = kernelDeadline, NIODeadline.now().uptimeNanoseconds >= UInt64(max(0, set)) { return }
            kernelDeadline = uptimeNanoseconds
            // An absolute time of 0 would disarm the timer; 1 ns is as good as "now".
            let nanoseconds = max(1, uptimeNanoseconds)
            var setting = itimerspec()
            setting.it_value = timespec(tv_sec: Int(nanoseconds / 1_000_000_000), tv_nsec: Int(nanoseconds % 1_000_000_000))
            if timerfd_settime(descriptor, Int32(TFD_TIMER_ABSTIME), &setting, nil) != 0 {
                fallBack()
            }
        #endif
        case .scheduled(let task):
            task?.cancel()
            let fire = self.fire
            let next = loop.assumeIsolated().scheduleTask(deadline: .uptimeNanoseconds(UInt64(max(0, uptimeNanoseconds)))) {
                fire()
            }
            backing = .scheduled(next)
        case .closed:
            break
        }
    }

    /// Disarms the timer for good and releases its descriptor.
    func close() {
        switch backing {
        #if os(Linux)
        case .timerFD:
            backing = .closed
            channel?.close(promise: nil)
        #endif
        case .scheduled(let task):
            task?.cancel()
            backing = .closed
        case .closed:
            break
        }
    }

    #if os(Linux)
    /// The pipe channel that reads the timerfd (set once it is registered).
    private var channel: (any Channel)?

    private func openTimerFD() {
        let descriptor = timerfd_create(CLOCK_MONOTONIC, Int32(TFD_NONBLOCK | TFD_CLOEXEC))
        guard descriptor >= 0 else { return }
        let handler = NIOLoopBound(ExpiryHandler(timer: self), eventLoop: loop)
        let registered = NIOPipeBootstrap(group: loop)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(handler.value) }
            }
            .takingOwnershipOfDescriptor(input: descriptor)
        backing = .timerFD(descriptor)
        let timer = NIOLoopBound(self, eventLoop: loop)
        registered.whenComplete { result in
            switch result {
            case .success(let channel):
                if case .closed = timer.value.backing { channel.close(promise: nil) } else { timer.value.channel = channel }
            case .failure:
                // The descriptor is still ours when registration fails.
                Glibc.close(descriptor)
                timer.value.fallBack()
            }
        }
    }

    /// Goes on with a scheduled task, keeping the armed deadline (the timerfd failed or closed).
    private func fallBack() {
        guard case .timerFD = backing else { return }
        channel = nil
        backing = .scheduled(nil)
        if let deadline { arm(atUptimeNanoseconds: deadline) }
    }

    /// Reads the timerfd's expiry counts off its channel.
    private final class ExpiryHandler: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        /// Weak: the timer owns the channel, and the channel this handler.
        private weak var timer: LoopTimer?

        init(timer: LoopTimer) {
            self.timer = timer
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            timer?.expired()
        }

        func channelInactive(context: ChannelHandlerContext) {
            timer?.fallBack()
            context.fireChannelInactive()
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            context.close(promise: nil)
        }
    }

    private func expired() {
        guard case .timerFD = backing, let expired = kernelDeadline else { return }
        kernelDeadline = nil
        // Re-armed while the expiry waited to be read: that setting replaced this one.
        if let deadline, deadline != expired { return arm(atUptimeNanoseconds: deadline) }
        fire()
    }
    #endif
}
