import Foundation
import Logging
import ProfileKit
import Testing
@testable import Server

/// The server's profiler end to end: a real session over loopback, dumps in game, and the files
/// read back by Python's pstats, `profstats` and ProfileKit.
@Suite struct ProfilerTests {
    /// Starts an in-process server on an ephemeral loopback port, recording from start if asked.
    static func startServer(_ directory: GameDirectory, profiling: Bool) throws -> MudServer {
        try MudServer(directory: directory, config: try directory.loadConfig(),
                      logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }, networkThreads: 1,
                      profiling: profiling)
    }

    /// The built `profstats`, next to the test bundle.
    static func profstatsBinary() throws -> String {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        if directory.lastPathComponent.hasSuffix(".xctest") { directory = directory.deletingLastPathComponent() }
        let path = directory.appendingPathComponent("profstats").path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw ClientError(description: "profstats not found at \(path); run `swift build` first")
        }
        return path
    }

    /// Runs a program in `directory`; returns its exit status and standard output (stderr apart).
    static func run(_ program: String, _ arguments: [String], in directory: String) throws
        -> (status: Int32, output: String, errors: String)
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self),
                String(decoding: errors, as: UTF8.self))
    }

    /// What `pstats.Stats(file).sort_stats('cumulative').print_stats()` prints, run in `directory`.
    static func pstats(_ file: String, in directory: String) throws -> String {
        let script = "import pstats, sys\npstats.Stats(sys.argv[1]).sort_stats('cumulative').print_stats()"
        let result = try run("/usr/bin/python3", ["-c", script, file], in: directory)
        guard result.status == 0 else { throw ClientError(description: "pstats failed: \(result.errors)") }
        return result.output
    }

    /// The paths in a dump reply (`Profile written: P and F`).
    static func dumpedPaths(_ reply: String) throws -> (profile: String, folded: String) {
        let line = try #require(reply.split(separator: "\n").first { $0.hasPrefix("Profile written: ") })
        let parts = line.dropFirst("Profile written: ".count).components(separatedBy: " and ")
        try #require(parts.count == 2)
        return (parts[0], parts[1])
    }

    /// The functions of `profile` whose name is `name`.
    static func functions(named name: String, in profile: Profile) -> [FunctionStats] {
        profile.functions.filter { $0.key.name == name }
    }

    /// Whether some function named `name` has a caller named `caller`.
    static func isCalled(_ name: String, by caller: String, in profile: Profile) -> Bool {
        functions(named: name, in: profile).contains { function in
            function.callers.contains { $0.caller.name == caller }
        }
    }

    @Test func scriptedSessionProfileReadsInPstatsProfstatsAndFlameGraphs() throws {
        let directory = try makeGameDirectory("profile") { $0.newAccountPermission = .builder }
        defer { removeGameDirectory(directory) }
        let server = try Self.startServer(directory, profiling: true)
        defer { server.shutdown() }
        let port = server.port

        let alice = try loggedInClient(port: port, name: "alice")
        try alice.command("look", expect: "Limbo(#1)")
        try alice.command("dig/tel Garden;g = garden;gd, back;b", expect: "Exits: back(#")
        try alice.command("create lantern;lamp", expect: "You create a new thing: lantern(#")
        try alice.command("drop lamp", expect: "You drop lantern.")
        try alice.command("back", expect: "Limbo(#1)")
        let bob = try loggedInClient(port: port, name: "bob")
        try bob.command("say hello alice", expect: "You say, \"hello alice\"")
        try alice.read(until: "bob says, \"hello alice\"")
        try bob.command("look", expect: "alice")
        try bob.command("server/profile dump", expect: "You are not allowed to use 'server' (it needs admin).")

        let admin = try loggedInClient(port: port, name: "Admin", password: "adminpass", create: false)
        try admin.command("server/profile stop", expect: "Profiler stopped")
        let reply = try admin.command("server/profile dump", expect: " seconds")
        let (profilePath, foldedPath) = try Self.dumpedPaths(reply)
        #expect(profilePath == directory.logDirectory + "/server.prof")
        #expect(foldedPath == directory.logDirectory + "/server.folded")

        // (a) pstats loads it, and its totals are the recorder's (stopped, so a snapshot now is the dump's).
        let printed = try Self.pstats("server.prof", in: directory.logDirectory)
        let recorded = ProfileTotals(server.profilerControl.profiler.snapshot().profile())
        let dump = ProfileDump(profilePath: "", foldedPath: "", functionCount: recorded.functionCount,
                               calls: Int(recorded.calls), primitiveCalls: Int(recorded.primitiveCalls),
                               seconds: recorded.time, foldedCalls: 0, nodes: 0, estimatedOverheadSeconds: nil)
        #expect(printed.contains(dump.headline + "\n"), "pstats printed: \(printed.prefix(400))")
        #expect(reply.contains(dump.headline))
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: profilePath)))
        let profile = try Profile(pstatsData: bytes)
        #expect(ProfileTotals(profile) == recorded)
        #expect(recorded.calls > 50)

        // (b) profstats prints what pstats prints.
        let profstats = try Self.run(try Self.profstatsBinary(), ["server.prof", "--sort", "cumtime"],
                                     in: directory.logDirectory)
        #expect(profstats.status == 0, "\(profstats.errors)")
        #expect(profstats.output == printed)

        // (c) a map of the server: each command under the pipeline, off-executor work under its command.
        #expect(Self.isCalled("cmd look", by: "command pipeline", in: profile))
        #expect(Self.isCalled("cmd dig", by: "command pipeline", in: profile))
        #expect(Self.isCalled("cmd say", by: "command pipeline", in: profile))
        #expect(Self.isCalled("broadcast", by: "cmd say", in: profile))
        #expect(Self.isCalled("parse", by: "command pipeline", in: profile))
        #expect(Self.isCalled("lookup", by: "command pipeline", in: profile))
        #expect(Self.isCalled("permission check", by: "command pipeline", in: profile))
        #expect(Self.isCalled("command pipeline", by: "receive line", in: profile))
        #expect(Self.isCalled("telnet decode", by: "telnet read", in: profile))
        #expect(Self.isCalled("db commit", by: "db batch", in: profile))
        #expect(Self.isCalled("db apply", by: "db batch", in: profile))
        #expect(Self.isCalled("runAsync work", by: "cmd create account", in: profile))
        #expect(Self.isCalled("password hash", by: "runAsync work", in: profile))
        #expect(Self.isCalled("password verify", by: "runAsync work", in: profile))
        #expect(Self.isCalled("runAsync return", by: "cmd connect", in: profile))
        #expect(Self.isCalled("object cache hit", by: "cmd look", in: profile))
        #expect(Self.isCalled("room contents", by: "cmd look", in: profile))
        #expect(Self.isCalled("room contents", by: "broadcast", in: profile))
        #expect(Self.isCalled("object load", by: "cmd connect", in: profile)
                || Self.isCalled("object load", by: "runAsync return", in: profile))
        #expect(Self.isCalled("submit changes", by: "receive line", in: profile))
        // The telnet handlers run on the game thread and call the game directly: one tree.
        #expect(Self.isCalled("receive line", by: "telnet read", in: profile))
        #expect(Self.isCalled("channel write", by: "output write", in: profile))
        #expect(!Self.functions(named: "commit ack", in: profile).isEmpty)
        let look = try #require(Self.functions(named: "cmd look", in: profile).first)
        #expect(look.key.file.hasSuffix("Game+Dispatch.swift"))
        #expect(look.calls == 2)

        // (d) the folded stacks parse, sum to the profile's time, and draw.
        let folded = try FoldedStacks(parsing: String(contentsOfFile: foldedPath, encoding: .utf8))
        #expect(folded.stacks.contains { $0.folded.contains("(receive line);") && $0.folded.contains("(command pipeline);") })
        let micros = Double(folded.stacks.reduce(0) { $0 + $1.weight })
        #expect(abs(micros - recorded.time * 1e6) <= Double(folded.stacks.count) + 1)
        let flame = try Self.run(try Self.profstatsBinary(), ["server.folded", "--flamegraph", "out.svg"],
                                 in: directory.logDirectory)
        #expect(flame.status == 0, "\(flame.errors)")
        let svg = try String(contentsOfFile: directory.logDirectory + "/out.svg", encoding: .utf8)
        #expect(svg.contains("<svg") && svg.contains("cmd look"))
    }

    @Test func profilerStartsDumpsAndResetsLiveWhileAClientStaysConnected() throws {
        let directory = try makeGameDirectory("profile-live")
        defer { removeGameDirectory(directory) }
        let server = try Self.startServer(directory, profiling: false)
        defer { server.shutdown() }
        let player = try loggedInClient(port: server.port, name: "walker")
        let admin = try loggedInClient(port: server.port, name: "Admin", password: "adminpass", create: false)
        try player.read(until: "Admin has entered the game.")
        #expect(server.profilerControl.status().scopeCalls == 0, "recorded while off")
        try admin.command("server/profile", expect: "Profiler not recording")
        try admin.command("server/profile start", expect: "Profiler started.")
        try admin.command("server/profile start", expect: "already recording")
        try player.command("look", expect: "Characters: Admin")
        try player.command("look", expect: "Characters: Admin")

        try admin.command("server/profile dump missing-folder/", expect: "Profiler: cannot write \(directory.logDirectory)/missing-folder/server.prof.tmp-")
        let first = try admin.command("server/profile dump first.prof", expect: " seconds")
        #expect(try Self.dumpedPaths(first) == (directory.logDirectory + "/first.prof", directory.logDirectory + "/first.folded"))
        let firstProfile = try Profile(pstatsData: [UInt8](Data(contentsOf: URL(fileURLWithPath: directory.logDirectory + "/first.prof"))))
        #expect(Self.functions(named: "cmd look", in: firstProfile).first?.calls == 2)
        #expect(FileManager.default.fileExists(atPath: directory.logDirectory + "/first.folded"))
        try admin.command("server/profile", expect: "Profiler recording")

        try player.command("look", expect: "Characters: Admin")
        try admin.command("server/profile/reset dump second.prof", expect: " seconds")
        let second = try Profile(pstatsData: [UInt8](Data(contentsOf: URL(fileURLWithPath: directory.logDirectory + "/second.prof"))))
        #expect(Self.functions(named: "cmd look", in: second).first?.calls == 3)

        try admin.command("server/profile dump third.prof", expect: " seconds")
        let third = try Profile(pstatsData: [UInt8](Data(contentsOf: URL(fileURLWithPath: directory.logDirectory + "/third.prof"))))
        #expect(Self.functions(named: "cmd look", in: third).isEmpty)
        #expect(!Self.functions(named: "cmd server", in: third).isEmpty)

        try admin.command("server/profile reset", expect: "Profiler reset (it is still recording).")
        try admin.command("server/profile stop", expect: "Profiler stopped")
        try admin.command("server/profile", expect: "Profiler not recording")
        try admin.command("server/profile bogus", expect: "Usage: server/profile")
        try player.command("look", expect: "Characters: Admin")
        try player.command("who", expect: "2 players online.")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.logDirectory)
        #expect(!leftovers.contains { $0.contains(".tmp-") }, "\(leftovers)")
    }

    @Test func startWithProfilerWritesBothFilesOnStop() throws {
        let directory = try makeGameDirectory("profile-stop")
        defer { removeGameDirectory(directory) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try ProcessTests.binary())
        process.arguments = ["start", "--game", directory.path, "--foreground", "--profiler"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        var record: PidFile?
        for _ in 0..<200 where record == nil {
            record = PidFile.read(directory.pidFile).flatMap { $0.pid == process.processIdentifier ? $0 : nil }
            if record == nil { usleepSeconds(0.05) }
        }
        let port = try #require(record?.port)
        let admin = try loggedInClient(port: port, name: "Admin", password: "adminpass", create: false)
        admin.send("look")
        try admin.command("dummyrunner_echo_response looked", expect: "dummyrunner_echo_response:looked,")
        kill(process.processIdentifier, SIGTERM)
        #expect(admin.waitForClose(timeout: 10))
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning && deadline.timeIntervalSinceNow > 0 { usleepSeconds(0.05) }
        #expect(!process.isRunning)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: directory.logDirectory + "/server.prof")))
        let profile = try Profile(pstatsData: bytes)
        #expect(Self.isCalled("cmd look", by: "command pipeline", in: profile))
        #expect(Self.isCalled("password verify", by: "runAsync work", in: profile))
        let folded = try String(contentsOfFile: directory.logDirectory + "/server.folded", encoding: .utf8)
        #expect(try !FoldedStacks(parsing: folded).stacks.isEmpty)
    }

    @Test func dumpPathsResolveAgainstTheLogsFolder() {
        let logs = "/game/logs"
        #expect(ProfilerControl.paths(for: nil, in: logs) == ("/game/logs/server.prof", "/game/logs/server.folded"))
        #expect(ProfilerControl.paths(for: "a.prof", in: logs) == ("/game/logs/a.prof", "/game/logs/a.folded"))
        #expect(ProfilerControl.paths(for: "/tmp/x", in: logs) == ("/tmp/x", "/tmp/x.folded"))
        #expect(ProfilerControl.paths(for: "runs/", in: logs) == ("/game/logs/runs/server.prof", "/game/logs/runs/server.folded"))
    }
}
