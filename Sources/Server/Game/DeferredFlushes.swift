import NIOCore
import ProfileKit

/// Connections whose flush waits for a task queued on the game loop, behind the reads and tasks
/// already waiting there: a burst of broadcasts costs one write per connection, not one per
/// broadcast and connection.
///
/// A broadcast (an arrival announced to the room, `pub`) queues a line on every connection it
/// reaches. Flushed at once, a login storm after a restart cost a write per player in the room for
/// every login: at 1,000 bots logging in at once, those writes took 86 % of the server's CPU
/// samples (perf), and its game thread fell 1.6 s behind. Only crowds wait
/// (`Delivery.performAndFlush`): a command's reply, and output to a few connections, still go out
/// at once.
///
/// The task's time is recorded as `deferred flush` on the game thread's recorder: it runs after
/// the commands whose broadcasts it writes, outside their scopes.
final class DeferredFlushes {
    private let loop: any EventLoop
    private let recorder: ThreadRecorder
    private var waiting: [any SessionConnection] = []
    private var queued: Set<ObjectIdentifier> = []

    /// Flushes deferred to a task on `loop` (the game loop, where every call must come from),
    /// recorded on `recorder` (the loop thread's).
    init(loop: any EventLoop, recorder: ThreadRecorder) {
        self.loop = loop
        self.recorder = recorder
    }

    /// Flushes `connection` in the task (once, however often it is added before the task runs).
    func add(_ connection: any SessionConnection) {
        guard queued.insert(ObjectIdentifier(connection)).inserted else { return }
        waiting.append(connection)
        if waiting.count == 1 {
            loop.assumeIsolated().execute { [self] in flushAll() }
        }
    }

    private func flushAll() {
        let token = recorder.enter(ServerProbes.deferredFlush)
        defer { recorder.exit(token) }
        let connections = waiting
        waiting.removeAll(keepingCapacity: true)
        queued.removeAll(keepingCapacity: true)
        for connection in connections { connection.flush() }
    }
}
