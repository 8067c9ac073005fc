import NIOCore
import NIOPosix
import ProfileKit

/// Why off-executor work did not return a value.
enum AsyncWorkError: Error, Equatable, Sendable {
    /// The work did not finish within its timeout; its late result is dropped.
    case timedOut(seconds: Double)
}

/// The one thread that owns the world, plus Evennia-style `runAsync` and `delay` to leave it.
///
/// Every command runs here, one at a time, in arrival order. Slow work (password hashing, file
/// IO) goes to a small thread pool through `runAsync`, and its result comes back here.
final class GameExecutor: Sendable {
    /// The event loop that is the game thread.
    let loop: any EventLoop
    /// The server's profiler (off unless started).
    let profiler: Profiler
    /// The game thread's own recorder: every scope entered on the game thread goes here.
    let recorder: ThreadRecorder
    /// The executor-lag tick (started by the live metrics; woken early by the telnet handlers).
    let ticker: ExecutorTicker
    private let group: MultiThreadedEventLoopGroup
    private let pool: NIOThreadPool

    /// Starts the game thread and `workerThreads` threads for off-executor work.
    init(workerThreads: Int = 2, profiler: Profiler = Profiler()) {
        self.profiler = profiler
        let recorder = profiler.makeRecorder(name: "game")
        self.recorder = recorder
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        loop = group.next()
        ticker = ExecutorTicker(loop: loop)
        // Everything on the game thread records into the game's recorder, whether it holds the
        // executor (`recorder`) or asks the profiler for its thread's (the telnet handlers).
        loop.execute { profiler.bindCurrentThread(to: recorder) }
        pool = NIOThreadPool(numberOfThreads: workerThreads)
        pool.start()
    }

    /// Whether the caller is on the game thread.
    var inExecutor: Bool { loop.inEventLoop }

    /// Runs `body` on the game thread after everything already queued there.
    func execute(_ body: @escaping @Sendable () -> Void) {
        loop.execute(body)
    }

    /// Runs `work` off the game thread; `onReturn` or `onError` then runs on the game thread.
    ///
    /// With a `timeout`, `onError(AsyncWorkError.timedOut)` is delivered if the work has not
    /// finished by then, and a later result is dropped (the work itself cannot be interrupted).
    /// Must be called on the game thread, like Evennia's `run_async` from a command.
    ///
    /// While the profiler records, the work (on its worker's recorder) and `onReturn`/`onError`
    /// (on the game's) are placed under the scopes open here, so they count for the command.
    func runAsync<Value: Sendable>(
        timeout seconds: Double? = nil,
        _ work: @escaping @Sendable () throws -> Value,
        onReturn: @escaping (Value) -> Void,
        onError: @escaping (any Error) -> Void
    ) {
        let local = loop.assumeIsolated()
        let finished = NIOLoopBoundBox(false, eventLoop: loop)
        var timer: Scheduled<Void>?
        if let seconds {
            timer = local.scheduleTask(in: .nanoseconds(Int64(seconds * 1e9))) {
                guard !finished.value else { return }
                finished.value = true
                onError(AsyncWorkError.timedOut(seconds: seconds))
            }
        }
        let pendingTimer = timer
        let context = profiler.isRecording ? recorder.currentContext() : nil
        let (profiler, recorder) = (self.profiler, self.recorder)
        pool.runIfActive(eventLoop: loop) { () throws -> Value in
            guard let context, profiler.isRecording else { return try work() }
            return try profiler.recorderForCurrentThread().withScope(ServerProbes.asyncWork, in: context) {
                () throws -> Value in try work()
            }
        }.assumeIsolated().whenComplete { result in
            guard !finished.value else { return }
            finished.value = true
            pendingTimer?.cancel()
            let token = context.map { recorder.enter(ServerProbes.asyncReturn, in: $0) }
                ?? recorder.enter(ServerProbes.asyncReturn)
            defer { recorder.exit(token) }
            switch result {
            case .success(let value): onReturn(value)
            case .failure(let error): onError(error)
            }
        }
    }

    /// Runs `body` on the game thread after `seconds` (Evennia's `delay`); cancel with the result.
    @discardableResult
    func delay(_ seconds: Double, _ body: @escaping () -> Void) -> Scheduled<Void> {
        loop.assumeIsolated().scheduleTask(in: .nanoseconds(Int64(seconds * 1e9)), body)
    }

    /// Stops the worker pool and the game thread (call from outside the game thread).
    func shutdown() {
        try? pool.syncShutdownGracefully()
        try? group.syncShutdownGracefully()
    }
}
