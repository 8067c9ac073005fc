@preconcurrency import Glibc
import ArgumentParser
import Dispatch
import Foundation
import Logging

/// `mudserver start`: run the game, in the background unless `--foreground`.
struct StartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Start the server (in the background; --foreground keeps it attached).")

    @OptionGroup var location: GameOption

    @Flag(help: "Stay attached: log to stderr, stop on Ctrl-C or SIGTERM.")
    var foreground = false

    @Option(help: "Port to listen on (overrides the config file).")
    var port: Int?

    @Option(help: "Address to listen on (overrides the config file).")
    var bind: String?

    @Flag(help: "Load tests only: fast hashing, no throttles or connection limits, new accounts are builders.")
    var profilingMode = false

    @Flag(help: "Record the call-graph profile from start; on stop write logs/server.prof and logs/server.folded.")
    var profiler = false

    @Option(help: "Serve Prometheus metrics on 127.0.0.1:PORT/metrics (overrides metrics_port).")
    var metricsPort: Int?

    @Option(help: "Serve the admin endpoint on 127.0.0.1:PORT too, with the token in admin.token (overrides admin_tcp_port).")
    var adminTcpPort: Int?

    func run() throws {
        let directory = try location.existingDirectory()
        var config = try directory.loadConfig()
        if let port { config.port = port }
        if let bind { config.bind = bind }
        if profilingMode { config.profilingMode = true }
        if let metricsPort { config.metricsPort = metricsPort }
        if let adminTcpPort { config.adminTCPPort = adminTcpPort }
        if let running = PidFile.read(directory.pidFile), running.isAlive {
            throw LauncherError.alreadyRunning(pid: running.pid, port: running.port)
        }
        if foreground {
            try runForeground(directory, config)
        } else {
            if config.profilingMode { print(ServerConfig.profilingModeWarning) }
            try BackgroundLauncher(directory: directory).launch(extraArguments: launchArguments())
        }
    }

    private func launchArguments() -> [String] {
        var arguments: [String] = []
        if let port { arguments += ["--port", String(port)] }
        if let bind { arguments += ["--bind", bind] }
        if profilingMode { arguments.append("--profiling-mode") }
        if profiler { arguments.append("--profiler") }
        if let metricsPort { arguments += ["--metrics-port", String(metricsPort)] }
        if let adminTcpPort { arguments += ["--admin-tcp-port", String(adminTcpPort)] }
        return arguments
    }

    private func runForeground(_ directory: GameDirectory, _ config: ServerConfig) throws {
        setvbuf(stdout, nil, _IOLBF, 0)
        guard let lock = ServerLock(path: directory.lockFile) else {
            let running = PidFile.read(directory.pidFile)
            throw LauncherError.alreadyRunning(pid: running?.pid ?? 0, port: running?.port ?? config.port)
        }
        var logger = Logger(label: "mudserver") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = .info
        // The server process only (not a test that embeds a server: a higher limit makes every
        // process it spawns slower to start).
        if let raised = ListenerGuard.raiseOpenFileLimit() {
            logger.info("open-file limit raised from \(raised.from) to \(raised.to) (the hard limit): one per connection")
        }
        let server = try MudServer(directory: directory, config: config, logger: logger, profiling: profiler)
        let record = PidFile(pid: getpid(), port: server.port, bind: server.bind,
                             startedAt: Date().timeIntervalSince1970)
        try record.write(to: directory.pidFile)
        let stop = DispatchSemaphore(value: 0)
        let signals = [SIGTERM, SIGINT, SIGHUP].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { stop.signal() }
            source.resume()
            return source
        }
        if config.profilingMode { print(ServerConfig.profilingModeWarning) }
        print("mudserver running (pid \(record.pid)) on \(server.bind):\(server.port)")
        print("admin socket \(server.live.admin.socketPath)"
            + (server.live.admin.tcpPort.map { ", admin TCP 127.0.0.1:\($0) (token in admin.token)" } ?? "")
            + (server.live.prometheus.map { ", Prometheus http://127.0.0.1:\($0.port)/metrics" } ?? ""))
        stop.wait()
        signals.forEach { $0.cancel() }
        server.shutdown()
        if profiler { writeProfile(server.profilerControl, logger: logger) }
        try? FileManager.default.removeItem(atPath: directory.pidFile)
        withExtendedLifetime(lock) {}
        print("mudserver stopped")
    }

    /// Stops the profiler and writes what it recorded into the game's logs folder.
    private func writeProfile(_ control: ProfilerControl, logger: Logger) {
        control.stop()
        do throws(FileWriteError) {
            let dump = try control.dump()
            logger.info("\(dump.description)")
        } catch {
            logger.error("profile not written: \(error)")
        }
    }
}
