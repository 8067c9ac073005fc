import Foundation
import Logging
import NIOCore
import ProfileKit
import SQLiteStore

/// The live side of a running server (issue 7): the executor tick, the once-a-second snapshots,
/// the admin endpoint and the optional Prometheus endpoint, started and stopped together.
final class LiveMetrics: Sendable {
    /// The metrics hub.
    let metrics: ServerMetrics
    /// The admin socket (and TCP, if on).
    let admin: AdminEndpoint
    /// The Prometheus endpoint, if on.
    let prometheus: PrometheusEndpoint?
    private let ticker: ExecutorTicker

    /// The hub for a server in `directory`, before anything records into it; its history goes to
    /// `metrics.db`.
    static func makeMetrics(directory: GameDirectory, config: ServerConfig, profiler: Profiler, logger: Logger)
        throws(LauncherError) -> ServerMetrics
    {
        let store: MetricsStore
        do throws(StoreError) {
            store = try MetricsStore(path: directory.metricsFile, retentionSeconds: config.metricsRetentionHours * 3600)
        } catch {
            throw .database(error.description)
        }
        let name = URL(fileURLWithPath: directory.path).lastPathComponent
        let identity = ServerIdentity(name: name, version: MudScopeVersion.current, pid: Int(getpid()),
                                      startedAt: Date().timeIntervalSince1970)
        return ServerMetrics(identity: identity, profiler: profiler, store: store, logger: logger)
    }

    /// Starts the tick on the game executor and the snapshots, and binds the endpoints on `group`.
    init(metrics: ServerMetrics, directory: GameDirectory, config: ServerConfig, game: GameHandle,
         profilerControl: ProfilerControl, group: any EventLoopGroup) throws(LauncherError)
    {
        let service = AdminService(metrics: metrics, profilerControl: profilerControl, game: game,
                                   maxConnections: config.adminMaxConnections)
        let admin = try AdminEndpoint(service: service, socketPath: directory.adminSocket, tcpPort: config.adminTCPPort,
                                      tokenPath: directory.adminTokenFile, group: group)
        do throws(LauncherError) {
            prometheus = try config.metricsPort.map { port throws(LauncherError) in
                try PrometheusEndpoint(metrics: metrics, port: port, group: group)
            }
        } catch {
            admin.close()
            throw error
        }
        self.admin = admin
        self.metrics = metrics
        ticker = game.executor.ticker
        let collector = metrics.collector
        let ticksPerSecond = Int64(max(1, 1_000_000_000 / ExecutorTicker.defaultPeriodNanoseconds))
        // The tick runs on the game thread, so it reads the game in place; the counts feed a
        // once-a-second snapshot, so they are taken once a second (and after a stall).
        ticker.start { outcome in
            collector.recordTick(outcome)
            guard let game = game.onExecutor else { return }
            if outcome.index % ticksPerSecond == 0 || outcome.missed > 0 {
                let playing = game.sessions.values.reduce(0) { $0 + ($1.stage == .playing ? 1 : 0) }
                collector.setSessions(connected: game.sessions.count, loggedIn: playing)
                collector.setCachedObjects(game.world.cachedCount)
            }
            if metrics.takeSessionListRequest() { metrics.setSessionList(game.sessionList()) }
        }
        metrics.start()
    }

    /// Stops the tick and the snapshots and closes the endpoints.
    func shutdown() {
        ticker.stop()
        prometheus?.close()
        admin.close()
        metrics.stop()
    }
}
