import Foundation
import Testing
@testable import Console

/// mudtop against a real mudserver under tmux: attach, server restart, reattach. Runs only when
/// the built `mudserver` has the admin endpoint (issue 7); until then it is skipped, and says so.
@Suite(.enabled(if: LiveServer.hasAdminSocket, "the built mudserver has no admin socket (admin.sock) yet"))
struct LiveServerTests {
    @Test func attachesShowsHistoryAndReattachesAfterARestart() throws {
        let game = NSTemporaryDirectory() + "mudtop-live-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: game) }
        let made = try LiveServer.run(["init", game, "--admin-name", "Root", "--admin-password", "rootpass1",
                                       "--port", "0", "--password-rounds", "1000"])
        #expect(made.status == 0, "\(made.output)")
        try LiveServer.start(game)
        defer { _ = try? LiveServer.run(["stop", "--game", game]) }

        let command = "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=tmux-256color \(try MudTopBinary.path()) --game \(game); "
            + "echo EXITED rc=$?; sleep 60"
        let tmux = try TmuxSession(command: command, width: 100, height: 30)
        defer { tmux.kill() }
        let attached = try tmux.waitFor(timeout: 15) { $0.contains("connected") && $0.contains("CPU usr") && $0.contains("up ") }
        #expect(attached.contains("connected") && !attached.contains("disconnected"), "\(attached)")

        // A player logs in; Tab Tab shows the sessions panel with the player's name and room.
        let port = try #require(LiveServer.port(game))
        let player = try TelnetPlayer(port: port)
        try player.wait(for: "re-show this screen")
        try player.command("create Quillon secretpw", expect: "was created")
        try player.command("connect Quillon secretpw", expect: "You become Quillon.")
        try tmux.send("Tab", "Tab")
        let sessions = try tmux.waitFor(timeout: 10) { $0.contains("Quillon") }
        #expect(sessions.contains("Quillon") && sessions.contains("Limbo") && sessions.contains("127.0.0.1"), "\(sessions)")
        #expect(sessions.contains("1 connected"))

        // The history the running server writes (WAL) replays at the same time.
        let history = try MudTopBinary.run(["--batch", "--replay", game + "/metrics.db", "--format", "csv"])
        #expect(history.status == 0 && history.output.split(separator: "\n").count >= 2, "\(history.error)")

        let stopped = try LiveServer.run(["stop", "--game", game])
        #expect(stopped.status == 0, "\(stopped.output)")
        #expect(try tmux.waitFor(timeout: 15) { $0.contains("disconnected, retrying") }.contains("disconnected, retrying"))

        try LiveServer.start(game)
        let back = try tmux.waitFor(timeout: 20) { !$0.contains("disconnected") && $0.contains("connected") }
        #expect(!back.contains("disconnected"), "\(back)")

        try tmux.send("q")
        #expect(try tmux.waitFor { $0.contains("EXITED") }.contains("EXITED rc=0"))
    }
}

/// The built `mudserver`, for the live test.
enum LiveServer {
    /// The executable next to the test bundle, if built.
    static var path: String? {
        guard let mudtop = try? MudTopBinary.path() else { return nil }
        let path = URL(fileURLWithPath: mudtop).deletingLastPathComponent().appendingPathComponent("mudserver").path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    /// Whether the server binary knows its admin socket's name (the endpoint has landed).
    static var hasAdminSocket: Bool {
        guard let path, let data = FileManager.default.contents(atPath: path) else { return false }
        return data.range(of: Data(AdminAddress.socketName.utf8)) != nil
    }

    /// The telnet port of the server running in `game` (from its pid file).
    static func port(_ game: String) -> Int? {
        guard let text = try? String(contentsOfFile: game + "/server.pid", encoding: .utf8) else { return nil }
        return text.split(separator: "\n").first { $0.hasPrefix("port=") }.flatMap { Int($0.dropFirst(5)) }
    }

    /// Starts the server and waits for its admin socket.
    static func start(_ game: String) throws {
        let started = try run(["start", "--game", game])
        guard started.status == 0 else { throw MudTopBinary.BinaryError(description: "start failed: \(started.output)") }
        let deadline = Date().addingTimeInterval(15)
        while !FileManager.default.fileExists(atPath: game + "/" + AdminAddress.socketName), deadline.timeIntervalSinceNow > 0 {
            usleep(100_000)
        }
    }

    /// Runs a launcher subcommand to completion.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path ?? "/nonexistent/mudserver")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        while process.isRunning { usleep(10_000) }
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
