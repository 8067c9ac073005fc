@preconcurrency import Glibc
import ArgumentParser
import Dispatch
import Foundation

/// `mudserver dummyrunner N`: simulated players that load a server and measure its lag.
struct DummyRunnerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dummyrunner",
        abstract: "Load a server with N simulated players and report actions/s and lag percentiles.",
        discussion: """
            Built-in profiles: \(BuiltinProfiles.names.joined(separator: ", ")) (share/dummyrunner/*.toml).

            Bots log in, dig and build, so start the server with --profiling-mode (fast hashing, no \
            throttles, builder rights for new accounts). Only loopback hosts are loaded unless \
            --allow-remote is given. Ctrl-C ends the run with the summary.
            """)

    @Argument(help: "Number of bots.")
    var bots: Int

    @Option(help: "Game directory of a running server (its pid file gives the port).")
    var game: String?

    @Option(help: "Host to connect to (loopback only unless --allow-remote).")
    var host: String?

    @Option(help: "Port to connect to.")
    var port: Int?

    @Option(help: "Built-in profile: \(BuiltinProfiles.names.joined(separator: ", ")).")
    var profile: String?

    @Option(help: "A settings file of your own (the format of share/dummyrunner/*.toml).")
    var settings: String?

    @Option(help: "Seconds to measure, then stop (default: until Ctrl-C).")
    var duration: Double?

    @Option(help: "Seconds between a bot's turns (default: the profile's, 1).")
    var tick: Double?

    @Option(help: "Log every bot in, evenly spread over this many seconds, then start measuring.")
    var ramp: Double?

    @Option(help: "Write the final summary as JSON to this file.")
    var json: String?

    @Option(help: ArgumentHelp("Draw the run as an SVG chart in this file: round trip and lag per report line "
                               + "over time, and the round trips and lag probes by percentile.", valueName: "file"))
    var svg: String?

    @Option(help: "Seed of the random choices (default: from the clock).")
    var seed: UInt64?

    @Flag(help: "Allow a host that is not loopback (only a server you own).")
    var allowRemote = false

    func validate() throws {
        guard (1...100_000).contains(bots) else { throw ValidationError("N must be 1...100000") }
        guard profile == nil || settings == nil else { throw ValidationError("give --profile or --settings, not both") }
        guard game == nil || (host == nil && port == nil) else { throw ValidationError("give --game or --host/--port") }
        if let duration, !(duration > 0) { throw ValidationError("--duration must be positive") }
        if let tick, !(tick > 0 && tick <= 3600) { throw ValidationError("--tick must be in (0, 3600]") }
        if let ramp, !(ramp >= 0) { throw ValidationError("--ramp must be >= 0") }
    }

    func run() throws {
        setvbuf(stdout, nil, _IOLBF, 0)
        // A summary that cannot be written is better known before the run than after it.
        for path in [json, svg].compactMap({ $0 }) { try Self.checkWritable(path) }
        let target = try resolveTarget()
        var chosen: RunnerProfile
        let source: String
        if let settings {
            chosen = try ProfileLocator.file(settings)
            source = settings
        } else {
            (chosen, source) = try ProfileLocator.builtin(profile ?? "normal_player")
        }
        if let tick { chosen.tick = tick }
        let now = Date().timeIntervalSince1970
        let runID = String(UInt64(now * 1000) % 60_466_176, radix: 36)
        let options = RunOptions(bots: bots, duration: duration, tick: chosen.tick, ramp: ramp,
                                 seed: seed ?? UInt64(now * 1_000_000), runID: runID)
        print("dummyrunner: \(bots) bots, profile \(chosen.name) (\(source)), tick \(chosen.tick) s, "
              + "target \(target.label)" + (duration.map { ", \($0) s" } ?? ", until Ctrl-C"))
        let runner = try LoadRunner(target: try target.socketAddress(), profile: chosen, options: options) { line in
            print(line)
        }
        signal(SIGINT, SIG_IGN)
        let interrupt = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        interrupt.setEventHandler { runner.stop(reason: "interrupted") }
        interrupt.resume()
        let report = try runner.run()
        interrupt.cancel()
        print(report.rendered(), terminator: "")
        if let json { try Self.write(try report.json(), to: json) }
        if let svg { try Self.write(Data(RunChart.svg(report).utf8), to: svg) }
    }

    private static func write(_ data: Data, to path: String) throws {
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ProfileError.unwritable(path, reason: error.localizedDescription)
        }
    }

    /// Throws, naming `path`, when it is a directory or its directory is missing or not writable.
    private static func checkWritable(_ path: String) throws {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw ProfileError.unwritable(path, reason: "it is a directory")
        }
        let directory = url.deletingLastPathComponent().path
        guard FileManager.default.isWritableFile(atPath: directory) else {
            throw ProfileError.unwritable(path, reason: "no writable directory \(directory)")
        }
    }

    private func resolveTarget() throws -> RunTarget {
        if host != nil || port != nil {
            return try RunTarget(host: host ?? "127.0.0.1", port: port ?? 4000, allowRemote: allowRemote)
        }
        let directory = GameDirectory(game ?? ".")
        guard let record = PidFile.read(directory.pidFile), record.isAlive else {
            if game == nil { return try RunTarget(host: "127.0.0.1", port: 4000, allowRemote: false) }
            throw RunTargetError.serverNotRunning(directory.path)
        }
        let host = record.bind == "0.0.0.0" ? "127.0.0.1" : record.bind == "::" ? "::1" : record.bind
        return try RunTarget(host: host, port: record.port, allowRemote: allowRemote)
    }
}
