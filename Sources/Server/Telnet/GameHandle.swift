import NIOCore
import Synchronization

/// A thread-safe way to reach the game from anywhere: every call hops onto the executor. Telnet
/// connections run on the executor's own event loop, so they call the game directly (`onExecutor`); the
/// admin endpoint and worker threads really cross threads.
final class GameHandle: Sendable {
    /// The game thread.
    let executor: GameExecutor
    private let bound = Mutex<NIOLoopBound<Game>?>(nil)

    /// A handle whose game is attached later with `attach`.
    init(executor: GameExecutor) {
        self.executor = executor
    }

    /// Attaches the game (call on the executor, once).
    func attach(_ game: Game) {
        let box = NIOLoopBound(game, eventLoop: executor.loop)
        bound.withLock { $0 = box }
    }

    /// Runs `body` with the game on the executor (dropped if no game is attached yet).
    func submit(_ body: @escaping @Sendable (Game) -> Void) {
        executor.execute { [self] in
            guard let game = bound.withLock({ $0 }) else { return }
            body(game.value)
        }
    }

    /// The game itself, for code that runs on the executor's thread (a telnet channel's handler,
    /// which lives there); nil elsewhere or before `attach`.
    var onExecutor: Game? {
        guard executor.loop.inEventLoop else { return nil }
        return bound.withLock { $0 }?.value
    }

    /// Runs `body` on the executor and waits for its result (never call from the executor).
    func sync<Value: Sendable>(_ body: @escaping @Sendable (Game) -> Value?) -> Value? {
        try? executor.loop.submit { [self] () -> Value? in
            guard let game = bound.withLock({ $0 }) else { return nil }
            return body(game.value)
        }.wait()
    }
}
