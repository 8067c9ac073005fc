import Foundation
import SQLiteStore
import Testing
@testable import Server

/// The built `mudserver` binary: launcher subcommands, and `kill -9` under writes.
@Suite struct ProcessTests {
    /// The `mudserver` executable next to the test bundle.
    static func binary() throws -> String {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundle, bundle.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("mudserver").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw ClientError(description: "mudserver binary not found near \(bundle.path); run `swift build` first")
    }

    /// Runs the binary to completion (bounded by `timeout`); returns exit status and output.
    @discardableResult
    static func run(_ arguments: [String], timeout: Double = 60) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try binary())
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && deadline.timeIntervalSinceNow > 0 { usleepSeconds(0.05) }
        if process.isRunning {
            process.terminate()
            throw ClientError(description: "mudserver \(arguments) did not finish")
        }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (process.terminationStatus, output)
    }

    @Test func launcherStartsReportsRefusesASecondStartAndStops() throws {
        let path = NSTemporaryDirectory() + "mudscope-launcher-\(UUID().uuidString)"
        defer { removeGameDirectory(GameDirectory(path)) }
        let noAdmin = try Self.run(["init", path])
        #expect(noAdmin.status != 0)
        #expect(noAdmin.output.contains("no admin name given"))
        let notAGame = try Self.run(["start", "--game", path])
        #expect(notAGame.status != 0)
        #expect(notAGame.output.contains("is not a game directory"))
        let made = try Self.run(["init", path, "--admin-name", "Root", "--admin-password", "rootpass1",
                                 "--port", "0", "--password-rounds", "1000"])
        #expect(made.status == 0, "\(made.output)")
        let again = try Self.run(["init", path, "--admin-name", "Root", "--admin-password", "rootpass1"])
        #expect(again.status != 0)
        #expect(again.output.contains("already holds a game"))
        let started = try Self.run(["start", "--game", path])
        #expect(started.status == 0, "\(started.output)")
        defer {
            if let record = PidFile.read(path + "/server.pid") { kill(record.pid, SIGKILL) }
        }
        let record = try #require(PidFile.read(path + "/server.pid"))
        #expect(record.port > 0)
        let status = try Self.run(["status", "--game", path])
        #expect(status.status == 0)
        #expect(status.output.contains("mudserver is running: pid \(record.pid), 127.0.0.1:\(record.port)"))
        let second = try Self.run(["start", "--game", path])
        #expect(second.status != 0)
        #expect(second.output.contains("already running (pid \(record.pid)"))
        let client = try loggedInClient(port: record.port, name: "Root", password: "rootpass1", create: false)
        let stopped = try Self.run(["stop", "--game", path])
        #expect(stopped.status == 0, "\(stopped.output)")
        try client.read(until: "The server is shutting down.")
        #expect(client.waitForClose(timeout: 10))
        let after = try Self.run(["status", "--game", path])
        #expect(after.status == 3)
        #expect(after.output.contains("not running"))
        let log = try String(contentsOfFile: path + "/logs/server.log", encoding: .utf8)
        #expect(log.contains("stopped;"))
    }

    /// Starts the binary's server on `directory` in the foreground (with `ulimit` options, such as
    /// `-n 96`, if given), its log in `foreground.log` there; returns it and its port once its pid
    /// file says it listens.
    private static func startForeground(_ directory: GameDirectory,
                                        ulimit: String? = nil) throws -> (process: Process, port: Int) {
        let process = Process()
        if let ulimit {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "ulimit \(ulimit) && exec \"$0\" start --game \"$1\" --foreground",
                                 try binary(), directory.path]
        } else {
            process.executableURL = URL(fileURLWithPath: try binary())
            process.arguments = ["start", "--game", directory.path, "--foreground"]
        }
        let log = directory.path + "/foreground.log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: log)
        process.standardError = process.standardOutput
        try process.run()
        var record: PidFile?
        for _ in 0..<200 where record == nil {
            record = PidFile.read(directory.pidFile).flatMap { $0.pid == process.processIdentifier ? $0 : nil }
            if record == nil { usleepSeconds(0.05) }
        }
        guard let port = record?.port else {
            kill(process.processIdentifier, SIGKILL)
            throw ClientError(description: "the server in \(directory.path) did not come up")
        }
        return (process, port)
    }

    /// Kills `process` with SIGKILL and removes the pid file it leaves.
    private static func killNine(_ process: Process, _ directory: GameDirectory) {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: directory.pidFile)
    }

    @Test func killNineLosesNothingAcknowledged() throws {
        let directory = try makeGameDirectory("kill9") {
            $0.newAccountPermission = .builder
            $0.databaseSynchronous = "FULL"
        }
        defer { removeGameDirectory(directory) }
        let (process, port) = try Self.startForeground(directory)
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let writer = try loggedInClient(port: port, name: "writer")
        let total = 400
        for index in 0..<total {
            writer.send(index % 2 == 0 ? "create thing\(index)" : "set me/key\(index) = value\(index)")
        }
        var acknowledged: [Int] = []
        for index in 0..<total / 2 {
            let marker = index % 2 == 0 ? "You create a new thing: thing\(index)(#" : "/key\(index) = value\(index)"
            try writer.read(until: marker)
            acknowledged.append(index)
        }
        Self.killNine(process, directory)

        let server = try startServer(directory)
        defer { server.shutdown() }
        let checker = try loggedInClient(port: server.port, name: "writer", create: false)
        checker.send("inventory")
        let inventory = try checker.command("dummyrunner_echo_response end", expect: "dummyrunner_echo_response:end,")
        let attributes = try checker.command("examine me", expect: "Contents:")
        for index in acknowledged {
            if index % 2 == 0 {
                #expect(inventory.contains("thing\(index)(#"), "thing\(index) lost")
            } else {
                #expect(attributes.contains("key\(index) = value\(index)"), "key\(index) lost")
            }
        }
        #expect(acknowledged.count == total / 2)
    }

    /// The database refuses writes (a trigger stands in for a full disk) and the server is killed
    /// before it takes them again: the change the player was told is kept is in the held-changes
    /// file, and the next start writes it. While the database still refuses, a start fails, says
    /// why, and keeps the file.
    @Test func killNineWhileTheDatabaseRefusesWritesLosesNoHeldChange() throws {
        let directory = try makeGameDirectory("kill9-held") { $0.newAccountPermission = .builder }
        defer { removeGameDirectory(directory) }
        let (process, port) = try Self.startForeground(directory)
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let client = try loggedInClient(port: port, name: "keeper")
        let control = try SQLiteDatabase(path: directory.databaseFile)
        try control.execute("CREATE TRIGGER refuse BEFORE INSERT ON attributes BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;")
        try client.command("set me/gold = 100", expect: "Saving to the database failed")
        for _ in 0..<100 where !FileManager.default.fileExists(atPath: directory.heldChangesFile) { usleepSeconds(0.05) }
        Self.killNine(process, directory)
        #expect(try HeldChanges.read(from: directory.heldChangesFile)?.changes
            .contains { if case .setAttribute(_, "gold", "100") = $0 { true } else { false } } == true)
        let status = try Self.run(["status", "--game", directory.path])
        #expect(status.status == 3)
        #expect(status.output.contains("1 change the database refused is held in \(directory.heldChangesFile); "
                                       + "the next start writes it"), "\(status.output)")

        #expect {
            try startServer(directory).shutdown()
        } throws: { error in
            "\(error)".contains("cannot write the 1 change held in \(directory.heldChangesFile) to the database: "
                                + "database or disk is full")
        }
        #expect(FileManager.default.fileExists(atPath: directory.heldChangesFile))

        try control.execute("DROP TRIGGER refuse;")
        let server = try startServer(directory)
        defer { server.shutdown() }
        #expect(!FileManager.default.fileExists(atPath: directory.heldChangesFile))
        let checker = try loggedInClient(port: server.port, name: "keeper", create: false)
        #expect(try checker.command("examine me", expect: "Contents:").contains("gold = 100"))
    }

    /// Out of file descriptors, the telnet listener pauses instead of spinning on its readable
    /// socket (150 bots against a server allowed 96 files kept its accepting thread at 100 % CPU),
    /// its failed accepts are logged with the limit to raise, once a minute, the players already in
    /// go on, and once descriptors are free again it accepts again.
    @Test func runningOutOfFileDescriptorsPausesAndIsLogged() throws {
        let directory = try makeGameDirectory("emfile") { $0.profilingMode = true }
        defer { removeGameDirectory(directory) }
        let (process, _) = try Self.startForeground(directory, ulimit: "-n 96")
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let bots = Process()
        bots.executableURL = URL(fileURLWithPath: try Self.binary())
        bots.arguments = ["dummyrunner", "150", "--game", directory.path, "--profile", "idler", "--ramp", "1",
                          "--duration", "60"]
        bots.standardOutput = FileHandle.nullDevice
        bots.standardError = FileHandle.nullDevice
        try bots.run()
        defer { if bots.isRunning { kill(bots.processIdentifier, SIGKILL) } }
        usleepSeconds(2)
        let ticks = { () -> Int in
            let stat = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8)) ?? ""
            let fields = stat.split(separator: ")").last?.split(separator: " ") ?? []
            return fields.count > 12 ? (Int(fields[11]) ?? 0) + (Int(fields[12]) ?? 0) : 0
        }
        let before = ticks()
        usleepSeconds(3)
        let used = ticks() - before
        #expect(used < 150, "\(used) clock ticks of CPU in 3 s (300: a core spinning on the listener)")
        kill(bots.processIdentifier, SIGINT)
        for _ in 0..<300 where bots.isRunning { usleepSeconds(0.1) }
        let log = try String(contentsOfFile: directory.path + "/foreground.log", encoding: .utf8)
        #expect(log.contains("cannot accept a telnet connection: Too many open files; the server may hold 96 open files"),
                "\(log.suffix(600))")
        #expect(log.components(separatedBy: "cannot accept a telnet connection").count == 2, "logged once a minute")
        // The bots are gone: a new player gets in.
        let port = try #require(PidFile.read(directory.pidFile)?.port)
        let late = try loggedInClient(port: port, name: "latecomer")
        try late.command("look", expect: "Limbo")
    }

    /// A soft open-file limit below the hard one (1024 is common) is raised to the hard one.
    @Test func theOpenFileLimitIsRaisedToTheHardLimit() throws {
        let directory = try makeGameDirectory("nofile")
        defer { removeGameDirectory(directory) }
        var limit = rlimit()
        try #require(getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 && limit.rlim_max > 128)
        guard limit.rlim_max != rlim_t.max else { return }
        let (process, _) = try Self.startForeground(directory, ulimit: "-S -n 128")
        defer { kill(process.processIdentifier, SIGKILL) }
        let limits = try String(contentsOfFile: "/proc/\(process.processIdentifier)/limits", encoding: .utf8)
        let line = limits.split(separator: "\n").first { $0.hasPrefix("Max open files") }.map(String.init) ?? ""
        #expect(line.split(separator: " ").filter { !$0.isEmpty }.dropFirst(3).first == "\(limit.rlim_max)", "\(line)")
        let log = try String(contentsOfFile: directory.path + "/foreground.log", encoding: .utf8)
        #expect(log.contains("open-file limit raised from 128 to \(limit.rlim_max) (the hard limit)"), "\(log)")
    }
}
