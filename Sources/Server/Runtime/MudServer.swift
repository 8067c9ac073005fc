import Foundation
import Logging
import NIOCore
import NIOPosix
import ProfileKit
import SQLiteStore

/// A running game: database writer, game executor, telnet listener; the composition root.
final class MudServer: Sendable {
    /// The port actually bound (useful when the config asked for port 0).
    let port: Int
    /// The address bound.
    let bind: String
    private let executor: GameExecutor
    private let writer: GroupCommitWriter
    private let handle: GameHandle
    private let network: MultiThreadedEventLoopGroup
    private let listener: any Channel
    private let logger: Logger
    /// The call-graph profiler's switch and dump (`server/profile`, `start --profiler`).
    let profilerControl: ProfilerControl
    /// Snapshots, the admin endpoint and Prometheus.
    let live: LiveMetrics

    /// Opens the game's database and starts listening; returns once the port is bound. With
    /// `profiling`, the profiler records from before the first connection.
    init(directory: GameDirectory, config: ServerConfig, logger: Logger, networkThreads: Int = 2,
         profiling: Bool = false) throws(LauncherError)
    {
        let config = config.applyingProfilingMode()
        if config.profilingMode { logger.warning("\(ServerConfig.profilingModeWarning)") }
        self.logger = logger
        let profiler = Profiler()
        let control = ProfilerControl(profiler: profiler, directory: directory.logDirectory)
        if profiling { control.start() }
        profilerControl = control
        let metrics = try LiveMetrics.makeMetrics(directory: directory, config: config, profiler: profiler, logger: logger)
        let executor = GameExecutor(profiler: profiler)
        let handle = GameHandle(executor: executor)
        let writer: GroupCommitWriter
        do throws(StoreError) {
            writer = try GroupCommitWriter(path: directory.databaseFile, synchronous: config.databaseSynchronous,
                                           profiler: profiler, metrics: metrics.collector,
                                           heldPath: directory.heldChangesFile, logger: logger) {
                sequence, error in handle.submit { $0.didCommit(sequence, error: error) }
            }
        } catch {
            executor.shutdown()
            throw .database(error.description)
        }
        do {
            try executor.loop.submit { () throws -> Void in
                let database = try SQLiteDatabase(path: directory.databaseFile, synchronous: config.databaseSynchronous)
                let store = WorldStore(database: database)
                try store.createSchema()
                // Changes a previous run could not save go in before the world is read.
                switch try HeldChanges.restore(from: directory.heldChangesFile, into: store) {
                case .wrote(let count)?:
                    logger.notice("wrote the \(HeldChanges.counted(count)) a previous run held in \(directory.heldChangesFile)")
                case .alreadyWritten?:
                    logger.notice("removed \(directory.heldChangesFile): the database already has its changes")
                case nil:
                    break
                }
                let world = try World(store: store, logger: logger, recorder: executor.recorder)
                let game = Game(config: config, executor: executor, world: world, logger: logger,
                                clock: { Date().timeIntervalSince1970 }, profilerControl: control,
                                submit: { writer.submit($0) })
                game.metrics = metrics
                world.metrics = metrics.collector
                handle.attach(game)
            }.wait()
        } catch {
            executor.shutdown()
            throw .database("\(error)")
        }
        let sweep = TimeAmount.milliseconds(Int64(min(30, config.objectIdleSeconds / 2) * 1000))
        executor.loop.scheduleRepeatedTask(initialDelay: sweep, delay: sweep) { _ in
            handle.submit { _ = $0.evictIdleObjects() }
        }
        let network = MultiThreadedEventLoopGroup(numberOfThreads: networkThreads)
        let limiter = ConnectionLimiter(limit: config.maxConnectionsPerAddress)
        // Connections live on the game thread itself: a command then reads, runs and writes its
        // reply without waking another thread (the network threads accept connections and serve
        // the admin endpoint).
        let bootstrap = ServerBootstrap(group: network, childGroup: executor.loop)
            .serverChannelOption(.backlog, value: 512)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelInitializer { ListenerGuard.install(on: $0, name: "telnet", logger: logger) }
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.socketOption(.so_keepalive), value: 1)
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        TelnetHandler(game: handle, limiter: limiter, outputLimit: config.outputBufferLimit,
                                      maxLineBytes: config.maxLineBytes, profiler: profiler,
                                      metrics: metrics.collector))
                }
            }
        do {
            listener = try bootstrap.bind(host: config.bind, port: config.port).wait()
        } catch {
            try? network.syncShutdownGracefully()
            writer.flush()
            executor.shutdown()
            throw .startFailed("cannot listen on \(config.bind):\(config.port): \(error)")
        }
        do throws(LauncherError) {
            live = try LiveMetrics(metrics: metrics, directory: directory, config: config, game: handle,
                                   profilerControl: control, group: network)
        } catch {
            try? listener.close().wait()
            try? network.syncShutdownGracefully()
            writer.flush()
            executor.shutdown()
            throw error
        }
        self.port = listener.localAddress?.port ?? config.port
        self.bind = config.bind
        self.executor = executor
        self.writer = writer
        self.handle = handle
        self.network = network
        logger.info("mudserver listening on \(config.bind):\(port)")
    }

    /// Tells players, stops accepting, commits every pending change, and stops all threads.
    func shutdown(message: String = "The server is shutting down. Goodbye!") {
        logger.info("shutting down")
        try? listener.close().wait()
        live.shutdown()
        _ = handle.sync { game -> Bool in
            game.shutdown(message: message)
            return true
        }
        let left = writer.close()
        if let error = left.error, left.unwritten > 0 {
            let (they, them) = left.unwritten == 1 ? ("it is", "it") : ("they are", "them")
            let fate = left.keptIn.map { "\(they) kept in \($0), and the next start writes \(them)" } ?? "\(they) lost"
            logger.error("\(HeldChanges.counted(left.unwritten)) could not be written to the database (\(error)); \(fate)")
        }
        // Let the commit callbacks release the last replies and the closes run.
        _ = handle.sync { _ in true }
        Thread.sleep(forTimeInterval: 0.2)
        try? network.syncShutdownGracefully()
        executor.shutdown()
        let counts = writer.counts
        logger.info("stopped; \(counts.transactions) transactions, \(counts.ops) changes written")
    }

    /// Transactions and changes the database writer has committed.
    var writerCounts: (transactions: Int, ops: Int) { writer.counts }

    /// The session list as the admin endpoint sends it, taken now on the game thread (for tests
    /// and diagnostics).
    func sessionList(limit: Int = SessionList.limit) -> SessionList? {
        handle.sync { $0.sessionList(limit: limit) }
    }

    /// Counters for tests and the status line: sessions, cached objects, loads, evictions.
    func statistics() -> (sessions: Int, cached: Int, loads: Int, evictions: Int, waiting: Int)? {
        handle.sync { game in
            (game.sessions.count, game.world.cachedCount, game.world.loads, game.world.evictions,
             game.repliesWaiting)
        }
    }
}
