import Foundation
import NIOCore
import NIOPosix

/// Runs a fleet of bots on one event-loop thread until the duration ends or `stop` is called.
final class LoadRunner: Sendable {
    private let group: MultiThreadedEventLoopGroup
    private let fleet: NIOLoopBound<BotFleet>
    private let finished: EventLoopFuture<RunReport>

    /// Prepares `options.bots` bots playing `profile` against `target`.
    init(target: SocketAddress, profile: RunnerProfile, options: RunOptions,
         clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 },
         output: @escaping @Sendable (String) -> Void) throws {
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let loop = group.next()
        let promise = loop.makePromise(of: RunReport.self)
        finished = promise.futureResult
        fleet = try loop.submit {
            NIOLoopBound(BotFleet(loop: loop, target: target, profile: profile, options: options, clock: clock,
                                  output: output, finished: promise), eventLoop: loop)
        }.wait()
    }

    /// Runs to the end and returns the summary (blocks the calling thread, never the loop).
    func run() throws -> RunReport {
        let fleet = fleet
        fleet.eventLoop.execute { fleet.value.begin(box: fleet) }
        defer { try? group.syncShutdownGracefully() }
        return try finished.wait()
    }

    /// Ends the run early (Ctrl-C): bots log out and `run` returns the summary.
    func stop(reason: String) {
        let fleet = fleet
        fleet.eventLoop.execute { fleet.value.stop(reason: reason, box: fleet) }
    }
}
