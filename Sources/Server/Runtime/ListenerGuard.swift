#if canImport(Glibc)
import Glibc
#endif
import Logging
import NIOCore

/// What every listening socket of the server gets, and the open-file limit it depends on.
///
/// When an accept fails for want of file descriptors (EMFILE, ENFILE) or memory, SwiftNIO keeps
/// the listener open and registered, and with connections waiting it stays readable: 150 bots
/// against a server allowed 96 files kept the accepting thread at 100 % CPU, also with NIO's
/// `AcceptBackoffHandler` in the pipeline (by our reading, NIO leaves the read pending when an
/// accept fails, so the handler is never asked to read). The guard stops reading the listener for
/// a second instead: `autoRead` off unregisters it, and on again it accepts again. It logs the
/// failure, at most once a minute per listener, with the limit to raise. The connections waiting
/// meanwhile stay in the kernel's backlog.
enum ListenerGuard {
    /// Raises the process's open-file limit to its hard limit (each connection holds one; a soft
    /// limit of 1024 is common and would cap a game near a thousand players); returns the old and
    /// new limit if it changed.
    static func raiseOpenFileLimit() -> (from: UInt, to: UInt)? {
        var limit = rlimit()
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        guard getrlimit(resource, &limit) == 0 else { return nil }
        // An unlimited hard limit still stops at the kernel's fs.nr_open.
        let ceiling = limit.rlim_max == rlim_t.max ? rlim_t(1 << 20) : limit.rlim_max
        guard limit.rlim_cur < ceiling else { return nil }
        let old = limit.rlim_cur
        limit.rlim_cur = ceiling
        guard setrlimit(resource, &limit) == 0 else { return nil }
        return (UInt(old), UInt(ceiling))
    }

    /// Adds the guard to a listening channel: call from `serverChannelInitializer`. `name` says
    /// which listener it is in the log (`telnet`).
    static func install(on channel: any Channel, name: String, logger: Logger?) -> EventLoopFuture<Void> {
        channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(AcceptFailureGuard(name: name, logger: logger))
        }
    }
}

/// Pauses and logs failed accepts of one listener (see `ListenerGuard`): the first failure is
/// logged at once, then at most one line a minute counts the failures since the last.
final class AcceptFailureGuard: ChannelInboundHandler {
    typealias InboundIn = any Channel

    /// How long the listener is not read after a failed accept.
    static let pause = TimeAmount.seconds(1)

    private let name: String
    private let logger: Logger?
    private var lastLogged: NIODeadline?
    private var unlogged = 0
    private var paused = false

    init(name: String, logger: Logger?) {
        self.name = name
        self.logger = logger
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        defer { context.fireErrorCaught(error) }
        guard let error = error as? IOError, [EMFILE, ENFILE, ENOBUFS, ENOMEM].contains(error.errnoCode) else { return }
        pause(context)
        let now = NIODeadline.now()
        if let lastLogged, now - lastLogged < .seconds(60) {
            unlogged += 1
            return
        }
        let since = unlogged > 0 ? " (\(unlogged) more since the last report)" : ""
        lastLogged = now
        unlogged = 0
        let reason = String(cString: strerror(error.errnoCode)), advice = Self.limitAdvice(error.errnoCode)
        logger?.error("cannot accept a \(name) connection: \(reason)\(since); \(advice) Accepting pauses 1 s at a time until it works.")
    }

    /// Stops reading the listener for `pause`, then reads it again.
    private func pause(_ context: ChannelHandlerContext) {
        guard !paused, let options = context.channel.syncOptions else { return }
        guard (try? options.setOption(.autoRead, value: false)) != nil else { return }
        paused = true
        let channel = context.channel
        context.eventLoop.assumeIsolated().scheduleTask(in: Self.pause) { [self] in
            paused = false
            try? channel.syncOptions?.setOption(.autoRead, value: true)
        }
    }

    /// What to raise for `errno`.
    static func limitAdvice(_ errno: CInt) -> String {
        guard errno == EMFILE else {
            return errno == ENFILE ? "the system's open-file table is full (fs.file-max)." : "the system is short of memory."
        }
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return "raise the open-file limit (ulimit -n)." }
        return "the server may hold \(limit.rlim_cur) open files: raise the limit (ulimit -n, or LimitNOFILE= in a "
            + "systemd unit)."
    }
}
