#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import ProfileKit

/// `mudtop`: the live console for a running mudserver.
@main
struct MudTopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mudtop",
        abstract: "A live console for a running mudserver (MudScope).",
        discussion: """
            Attaches to the server's admin endpoint (share/doc/admin-protocol.md), shows its recent \
            history at once and then one snapshot per interval. Keys: q quit, ? help, space pause, Tab \
            panel, < > sort, / filter, 1-4 graph window, P profiler, D dump, F flush (each asks first).
            """,
        version: MudScopeVersion.current)

    @Option(name: .long, help: "The game directory; mudtop attaches to its admin.sock (default: the current directory).")
    var game: String?

    @Option(name: .long, help: "The admin socket's path.")
    var socket: String?

    @Option(name: .long, help: "HOST:PORT of the admin endpoint over TCP (needs --token-file).")
    var connect: String?

    @Option(name: .long, help: "The file holding the TCP admin token (the game's token file, mode 0600).")
    var tokenFile: String?

    @Option(name: .long, help: ArgumentHelp(
        "Play FILE instead of a server: a recorded JSON-lines stream of admin messages or snapshots, or a server's metrics.db (its SQLite history, shown at once).",
        valueName: "FILE"))
    var replay: String?

    @Option(name: .long, help: "Seconds between snapshots: the subscription interval (whole seconds, 1-3600), or the replay's pace (0 = as fast as possible).")
    var interval: Double = 1

    @Flag(name: .long, help: "Print snapshots on standard output without curses, like top -b.")
    var batch = false

    @Option(name: .long, help: "With --batch: stop after this many snapshots.")
    var count: Int?

    @Option(name: .long, help: "With --batch: text, json or csv.")
    var format: String = BatchFormat.text.rawValue

    @Flag(name: .long, help: "No colours (bold and reverse only). Also when NO_COLOR is set.")
    var monochrome = false

    @Flag(name: .long, help: "ASCII graphs even in a UTF-8 locale.")
    var ascii = false

    mutating func validate() throws {
        let targets = [game, socket, connect, replay].compactMap { $0 }
        guard targets.count <= 1 else {
            throw ValidationError("give at most one of --game, --socket, --connect and --replay")
        }
        if connect != nil, tokenFile == nil { throw ValidationError("--connect needs --token-file") }
        if tokenFile != nil, connect == nil { throw ValidationError("--token-file goes with --connect") }
        guard interval.isFinite, interval >= 0, interval <= Double(AdminRequest.longestInterval) else {
            throw ValidationError("--interval must be from 0 to \(AdminRequest.longestInterval) seconds")
        }
        if replay == nil, interval < 1 || interval.rounded() != interval {
            throw ValidationError("--interval for a server must be a whole number of seconds from 1 to \(AdminRequest.longestInterval)")
        }
        if let count, count < 0 { throw ValidationError("--count must not be negative") }
        if count != nil, !batch { throw ValidationError("--count goes with --batch") }
        guard BatchFormat(rawValue: format) != nil else {
            throw ValidationError("--format must be one of: " + BatchFormat.allCases.map(\.rawValue).joined(separator: ", "))
        }
    }

    func run() throws {
        let source = try makeSource()
        defer { source.close() }
        if batch {
            let runner = BatchRunner(source: source, format: BatchFormat(rawValue: format) ?? .text, count: count,
                                     includeHistory: replay != nil)
            let status = runner.run(write: StandardStreams.out, warn: StandardStreams.error)
            if status != 0 { throw ExitCode(status) }
            return
        }
        guard getenv("TERM") != nil, isatty(0) == 1 else {
            throw ValidationError("mudtop needs a terminal; use --batch for scripts")
        }
        let screen = CursesScreen(monochrome: monochrome || getenv("NO_COLOR") != nil)
        var model = DashboardModel(connection: .connecting(target: targetLabel), charset: ascii ? .ascii : screen.charset)
        if replay != nil { model.graphWindow = .all }
        let loop = DashboardLoop(screen: screen, source: source, model: model)
        loop.run()
        screen.end()
        if case .refused(let reason) = loop.model.connection {
            StandardStreams.error("mudtop: \(reason)")
            throw ExitCode(1)
        }
    }

    /// A recording without a snapshot has nothing to show: say so rather than show an empty screen.
    private static func refuseEmpty(_ recording: ReplayRecording) throws(ReplayError) {
        guard recording.isEmpty else { return }
        throw ReplayError(message: "holds no snapshot to replay (a game's metrics.db has one a second while its "
                              + "server runs; `mudtop --batch --format json` records a stream)")
    }

    private var targetLabel: String { replay ?? connect ?? socket ?? ((game ?? ".") + "/" + AdminAddress.socketName) }

    private func makeSource() throws -> any MetricsSource {
        if let replay, MetricsDatabaseReplay.isDatabase(replay) {
            do {
                // A screen holds at most the model's history; batch prints every row.
                let limit = batch ? Int.max : DashboardModel.historyCapacity
                let recording = try MetricsDatabaseReplay.recording(path: replay, limit: limit)
                try Self.refuseEmpty(recording)
                return ReplaySource(recording: recording, name: replay, interval: 0)
            } catch {
                StandardStreams.error("mudtop: \(replay): \(error.message)")
                throw ExitCode(1)
            }
        }
        if let replay {
            let bytes: [UInt8]
            do {
                bytes = try FileBytes.read(replay)
            } catch {
                throw ValidationError("cannot read \(replay): \(error.message)")
            }
            do {
                let recording = try ReplayRecording(bytes: bytes)
                try Self.refuseEmpty(recording)
                return ReplaySource(recording: recording, name: replay, interval: batch ? 0 : interval)
            } catch {
                StandardStreams.error("mudtop: \(replay): \(error.message)")
                throw ExitCode(error.code == .unsupportedVersion ? 2 : 1)
            }
        }
        let seconds = Int(interval)
        // A CSV row has no room for the session list: do not make the server gather it.
        let sessions = !(batch && format == BatchFormat.csv.rawValue)
        if let connect {
            guard let colon = connect.lastIndex(of: ":"), let port = Int(connect[connect.index(after: colon)...]),
                  (1...65_535).contains(port)
            else { throw ValidationError("--connect wants HOST:PORT, got '\(connect)'") }
            let host = String(connect[..<colon]).trimmingBrackets()
            return AdminSource(address: .tcp(host: host, port: port, tokenFile: tokenFile ?? ""), intervalSeconds: seconds,
                               sessions: sessions)
        }
        let path = socket ?? ((game ?? ".") + "/" + AdminAddress.socketName)
        return AdminSource(address: .unix(path: path), intervalSeconds: seconds, sessions: sessions)
    }
}

extension String {
    /// `[::1]` as `::1`: the brackets of an IPv6 literal in HOST:PORT.
    func trimmingBrackets() -> String {
        hasPrefix("[") && hasSuffix("]") ? String(dropFirst().dropLast()) : self
    }
}
