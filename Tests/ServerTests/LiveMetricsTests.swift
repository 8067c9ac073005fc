import Foundation
import ProfileKit
import Testing
@testable import Server

/// Issue 7 end to end: the admin socket, the numbers under load, history across a restart, the
/// `server` command and the Prometheus endpoint, each against a real in-process server.
@Suite struct LiveMetricsTests {
    @Test func adminSocketIsPrivateAndAnswersRequests() throws {
        let directory = try makeGameDirectory("admin")
        defer { removeGameDirectory(directory) }
        let server = try startServer(directory)
        defer { server.shutdown() }
        var info = stat()
        #expect(stat(directory.adminSocket, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
        #expect(info.st_mode & S_IFMT == S_IFSOCK)

        let client = try AdminTestClient(socketPath: directory.adminSocket)
        guard case .hello(let hello) = try client.next() else { Issue.record("first line is not a hello"); return }
        #expect(hello.protocolVersion == .current)
        #expect(hello.server.pid == Int(getpid()))

        client.send(#"{"id":1,"interval":1,"type":"subscribe"}"#)
        let first = try client.next { if case .snapshot(1, _) = $0 { true } else { false } }
        let second = try client.next { if case .snapshot(1, _) = $0 { true } else { false } }
        if case .snapshot(_, let a) = first, case .snapshot(_, let b) = second {
            #expect(b.sequence > a.sequence)
            #expect(a.process.memory.residentBytes > 0)
        }

        client.send(#"{"command":"flush_idle_objects","id":2,"type":"command"}"#)
        guard case .result(2, let flushed) = try client.next(where: { if case .result = $0 { true } else { false } })
        else { Issue.record("no result for flush_idle_objects"); return }
        #expect(flushed.command == .flushIdleObjects)
        #expect(flushed.count != nil)

        client.send(#"{"command":"profiler_start","id":3,"type":"command"}"#)
        guard case .result(3, let started) = try client.next(where: { if case .result = $0 { true } else { false } })
        else { Issue.record("no result for profiler_start"); return }
        #expect(started.message == "profiler started")
        #expect(server.profilerControl.isRecording)
        let profiled = try client.next { if case .snapshot(1, let s) = $0 { s.profiler.running } else { false } }
        if case .snapshot(_, let snapshot) = profiled { #expect(snapshot.profiler.memoryBytes > 0) }
        client.send(#"{"command":"profiler_dump","id":4,"type":"command"}"#)
        guard case .result(4, let dumped) = try client.next(where: { if case .result = $0 { true } else { false } })
        else { Issue.record("no result for profiler_dump"); return }
        #expect(dumped.path.map { FileManager.default.fileExists(atPath: $0) } == true)
        client.send(#"{"command":"profiler_stop","id":5,"type":"command"}"#)
        _ = try client.next { if case .result(5, _) = $0 { true } else { false } }
        #expect(!server.profilerControl.isRecording)
        client.send(#"{"command":"shutdown","id":6,"type":"command"}"#)
        let unknown = try client.nextError()
        #expect(unknown.code == .unknownCommand)
        #expect(unknown.requestID == 6)
    }

    /// Connects to the admin socket as user `nobody` (through setpriv); true if connect() succeeded.
    private static func nobodyCanConnect(to path: String) throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/python3", "-c",
                             "import socket, sys; s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])", path]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    @Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")
            && FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), "needs root, setpriv and python3"))
    func anotherUserCannotConnect() throws {
        let directory = try makeGameDirectory("admin-user")
        defer { removeGameDirectory(directory) }
        let server = try startServer(directory)
        defer { server.shutdown() }
        // Only the socket's own mode stands in the way: the directory is open to everyone.
        #expect(chmod(directory.path, 0o755) == 0)
        #expect(try !Self.nobodyCanConnect(to: directory.adminSocket))
        // The same connection succeeds once the mode is opened, so the check above can fail.
        #expect(chmod(directory.adminSocket, 0o666) == 0)
        #expect(try Self.nobodyCanConnect(to: directory.adminSocket))
    }

    @Test func malformedAndOversizedInputGetErrorsAndTheServerKeepsServing() throws {
        let directory = try makeGameDirectory("admin-bad")
        defer { removeGameDirectory(directory) }
        let server = try startServer(directory)
        defer { server.shutdown() }
        let client = try AdminTestClient(socketPath: directory.adminSocket)
        _ = try client.next()
        client.send("this is not json")
        #expect(try client.nextError().code == .malformedJSON)
        client.sendRaw(Array(repeating: UInt8(ascii: "x"), count: 200_000) + [10])
        #expect(try client.nextError().code == .lineTooLong)
        client.send(#"{"id":7,"type":"teleport"}"#)
        let unknown = try client.nextError()
        #expect(unknown.code == .unknownType)
        #expect(unknown.requestID == 7)
        client.send(#"{"id":"eight","type":"history"}"#)
        #expect(try client.nextError().code == .invalidRequest)
        client.sendRaw([0xff, 0xfe, 0x00, 10])
        #expect(try client.nextError().code == .malformedJSON)
        _ = try waitForSnapshot(server)
        client.send(#"{"id":9,"type":"history"}"#)
        #expect(try client.history(id: 9).count >= 1)

        // The game and a second admin connection are unharmed.
        let player = try loggedInClient(port: server.port, name: "erin")
        try player.command("look", expect: "Limbo")
        let other = try AdminTestClient(socketPath: directory.adminSocket)
        guard case .hello = try other.next() else { Issue.record("no hello on a second connection"); return }
    }

    @Test func connectionsAreCapped() throws {
        let directory = try makeGameDirectory("admin-cap") { $0.adminMaxConnections = 1 }
        defer { removeGameDirectory(directory) }
        let server = try startServer(directory)
        defer { server.shutdown() }
        // A one-shot client (a request, then end of input) is answered, then closed.
        let oneShot = try AdminTestClient(socketPath: directory.adminSocket)
        oneShot.send(#"{"id":1,"type":"history","from":0,"to":1}"#)
        oneShot.shutdownWrite()
        guard case .hello = try oneShot.next() else { Issue.record("no hello"); return }
        #expect(try oneShot.history(id: 1).isEmpty)
        #expect(oneShot.waitForClose(timeout: 5))

        // Its slot is free again: one connection is let in, the next is refused after the hello.
        var first = try AdminTestClient(socketPath: directory.adminSocket)
        for _ in 0..<20 {
            first.send(#"{"id":2,"type":"history","from":0,"to":1}"#)
            if case .history = try first.next(where: {
                if case .history = $0 { true } else if case .error = $0 { true } else { false }
            }) { break }
            usleepSeconds(0.05)
            first = try AdminTestClient(socketPath: directory.adminSocket)
        }
        let second = try AdminTestClient(socketPath: directory.adminSocket)
        guard case .hello = try second.next() else { Issue.record("no hello before the refusal"); return }
        #expect(try second.nextError().code == .tooManyConnections)
        #expect(second.waitForClose(timeout: 5))
        first.send(#"{"id":3,"type":"history","from":0,"to":1}"#)
        #expect(try first.history(id: 3).isEmpty)
    }

    @Test func historyComesBackFromSQLiteAfterARestart() throws {
        let directory = try makeGameDirectory("admin-history")
        defer { removeGameDirectory(directory) }
        var server = try startServer(directory)
        let before = try waitForSnapshot(server, after: 1)
        server.shutdown()

        server = try startServer(directory)
        defer { server.shutdown() }
        #expect(server.live.metrics.latest == nil || server.live.metrics.latest!.time > before.time)
        let client = try AdminTestClient(socketPath: directory.adminSocket)
        _ = try client.next()
        client.send(#"{"id":3,"type":"history","to":\#(before.time)}"#)
        let history = try client.history(id: 3)
        #expect(history.count >= 2)
        #expect(history.last == before)
        #expect(history.map(\.time) == history.map(\.time).sorted())
    }

    @Test func theNumbersMoveUnderASmallLoad() throws {
        let directory = try makeGameDirectory("admin-load")
        defer { removeGameDirectory(directory) }
        let server = try startServer(directory)
        defer { server.shutdown() }
        let start = try waitForSnapshot(server)
        let players = try ["fay", "gus"].map { try loggedInClient(port: server.port, name: $0) }
        for round in 0..<15 {
            for player in players {
                try player.command("look", expect: "Limbo")
                try player.command("say round \(round)", expect: "You say")
            }
        }
        try players[0].command("create lamp", expect: "You are not allowed")
        let after = try waitForSnapshot(server, after: try waitForSnapshot(server, after: start.sequence).sequence)
        let client = try AdminTestClient(socketPath: directory.adminSocket)
        _ = try client.next()
        client.send(#"{"id":1,"type":"history","from":\#(start.time)}"#)
        let window = try client.history(id: 1).filter { $0.sequence > start.sequence }
        let commands = window.reduce(0) { $0 + $1.commands.count }
        #expect(commands >= 60)
        #expect(window.contains { $0.commands.latency.p99 > 0 })
        #expect(window.reduce(0) { $0 + $1.network.bytesIn } > 500)
        #expect(window.reduce(0) { $0 + $1.network.bytesOut } > 2_000)
        #expect(window.reduce(0) { $0 + $1.database.commits } >= 1)
        #expect(window.reduce(0) { $0 + $1.executor.ticks } >= 5)
        // Ticks are measured against deadlines on the executor's own clock: lag stays well under a second.
        #expect(window.allSatisfy { $0.executor.lag.max < 1 })
        #expect(window.reduce(0) { $0 + $1.cache.hits } > 0)
        #expect(Set(window.flatMap(\.slowestCommands).map(\.name)).isSuperset(of: ["look", "say", "(login)"]))
        #expect(after.sessions.connected == 2)
        #expect(after.sessions.loggedIn == 2)
        #expect(after.process.threads > 1)
        #expect(after.cache.objects > 0)
        let totals = server.live.metrics.collector.totals()
        #expect(totals.commands >= 60)
    }

    @Test func aLoginsLatencyIncludesItsPasswordHashing() throws {
        let directory = try makeGameDirectory("login-latency") { $0.passwordRounds = 200_000 }
        defer { removeGameDirectory(directory) }
        let server = try startServer(directory)
        defer { server.shutdown() }
        var sequence = try waitForSnapshot(server).sequence
        let client = try TestClient(port: server.port)
        try client.read(until: "re-show this screen")
        let sent = Date()
        try client.command("create hal secretpw", expect: "was created", timeout: 60)
        let roundTrip = Date().timeIntervalSince(sent)
        var (recorded, count) = (0.0, 0)
        let deadline = Date().addingTimeInterval(10)
        while count == 0, deadline.timeIntervalSinceNow > 0 {
            let snapshot = try waitForSnapshot(server, after: sequence)
            sequence = snapshot.sequence
            for row in snapshot.slowestCommands where row.name == "(login)" {
                recorded += row.totalSeconds
                count += row.count
            }
        }
        #expect(count == 1)
        // Hashing is most of the round trip; a latency that stopped at the hand-off would be ~0.
        #expect(recorded >= roundTrip / 2, "recorded \(recorded) s for a create the client waited \(roundTrip) s for")
    }

    @Test func serverCommandShowsTheTableToAdminsAndRefusesPlayers() throws {
        let directory = try makeGameDirectory("admin-cmd")
        defer { removeGameDirectory(directory) }
        let server = try startServer(directory)
        defer { server.shutdown() }
        _ = try waitForSnapshot(server)
        let admin = try loggedInClient(port: server.port, name: "Admin", password: "adminpass", create: false)
        let table = try admin.command("server", expect: "Profiler")
        let rest = try admin.read(until: "\n")
        let text = table + rest
        for label in ["CPU user", "CPU system", "Memory RSS", "Commands/s", "Command lag", "Executor lag",
                      "Database", "Cache", "Sessions"] {
            #expect(text.contains(label), "missing \(label)")
        }
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 80 })
        try admin.command("server/mem", expect: "Resident (RSS)")
        try admin.command("server/flushmem", expect: "Flushed ")
        try admin.command("server/profile", expect: "Profiler not recording")
        try admin.command("server/bogus", expect: "Usage: server")
        let player = try loggedInClient(port: server.port, name: "hal")
        let refusal = try player.command("server", expect: "(it needs admin).")
        #expect(refusal.contains("You are not allowed to use 'server'"))
        #expect(!refusal.contains("CPU"))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/promtool"), "needs promtool (Debian package prometheus)"))
    func prometheusScrapePassesPromtool() throws {
        let directory = try makeGameDirectory("prom") { $0.metricsPort = 0 }
        defer { removeGameDirectory(directory) }
        let server = try startServer(directory)
        defer { server.shutdown() }
        let port = try #require(server.live.prometheus?.port)
        _ = try waitForSnapshot(server)
        let player = try loggedInClient(port: server.port, name: "ivy")
        try player.command("look", expect: "Limbo")
        let response = try httpGet(port: port, request: "GET /metrics HTTP/1.1\r\nHost: localhost\r\n\r\n")
        #expect(response.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(response.contains("Content-Type: text/plain; version=0.0.4"))
        let body = String(response[try #require(response.range(of: "\r\n\r\n")).upperBound...])
        #expect(body.contains("\nmud_commands_total "))
        #expect(body.contains("mud_command_latency_seconds_bucket{le=\"+Inf\"}"))

        let file = directory.path + "/scrape.txt"
        try body.write(toFile: file, atomically: true, encoding: .utf8)
        let promtool = Process()
        promtool.executableURL = URL(fileURLWithPath: "/usr/bin/promtool")
        promtool.arguments = ["check", "metrics"]
        promtool.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: file))
        let output = Pipe()
        promtool.standardOutput = output
        promtool.standardError = output
        try promtool.run()
        promtool.waitUntilExit()
        let said = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(promtool.terminationStatus == 0, "promtool: \(said)")

        #expect(try httpGet(port: port, request: "GET /other HTTP/1.1\r\n\r\n").hasPrefix("HTTP/1.1 404"))
        #expect(try httpGet(port: port, request: "POST /metrics HTTP/1.1\r\n\r\n").hasPrefix("HTTP/1.1 405"))
    }

    @Test func prometheusIsOffByDefaultAndAdminTCPNeedsTheToken() throws {
        let directory = try makeGameDirectory("admin-tcp") { $0.adminTCPPort = 0 }
        defer { removeGameDirectory(directory) }
        let server = try startServer(directory)
        defer { server.shutdown() }
        #expect(server.live.prometheus == nil)
        let port = try #require(server.live.admin.tcpPort)
        var info = stat()
        #expect(stat(directory.adminTokenFile, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
        let token = try String(contentsOfFile: directory.adminTokenFile, encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.count == 64)

        let stranger = try AdminTestClient(tcpPort: port)
        stranger.send(#"{"token":"guess"}"#)
        #expect(try stranger.nextError().code == .unauthorized)
        #expect(stranger.waitForClose(timeout: 5))

        let friend = try AdminTestClient(tcpPort: port)
        friend.sendRaw(AdminToken.encodedLine(token: token) + Array(#"{"id":1,"type":"history","from":0,"to":1}"#.utf8) + [10])
        guard case .hello = try friend.next() else { Issue.record("no hello after the token"); return }
        #expect(try friend.history(id: 1).isEmpty)
    }
}
