import Foundation
import SQLiteStore
import Testing
@testable import Server

/// The real server, in process, driven through real loopback sockets.
@Suite struct EndToEndTests {
    @Test func scriptedSessionSurvivesARestart() throws {
        let directory = try makeGameDirectory("script") { $0.newAccountPermission = .builder }
        defer { removeGameDirectory(directory) }
        var server = try startServer(directory)
        let port = server.port
        do {
            let alice = try loggedInClient(port: port, name: "alice")
            try alice.command("dig/tel Garden;g = garden;gd, back;b", expect: "Exits: back(#")
            try alice.command("create lantern;lamp", expect: "You create a new thing: lantern(#")
            try alice.command("set lamp/fuel = 42", expect: "Created attribute lantern(#")
            try alice.command("desc here = A quiet garden.", expect: "The description was set")
            try alice.command("drop lamp", expect: "You drop lantern.")
            try alice.command("back", expect: "Limbo(#1)")
            let bob = try loggedInClient(port: port, name: "bob")
            try bob.command("say hello alice", expect: "You say, \"hello alice\"")
            try alice.read(until: "bob says, \"hello alice\"")
            try alice.command("gd", expect: "A quiet garden.")
            try alice.command("quit", expect: "Hope to see you again")
            #expect(alice.waitForClose(timeout: 5))
            bob.close()
        }
        server.shutdown()

        server = try startServer(directory)
        defer { server.shutdown() }
        let again = try loggedInClient(port: server.port, name: "alice", create: false)
        let room = try again.command("look", expect: "You see: lantern(#")
        #expect(room.contains("Garden(#"))
        #expect(room.contains("A quiet garden."))
        try again.command("set lantern/fuel", expect: "fuel = 42")
        try again.command("get lantern", expect: "You pick up lantern.")
        try again.command("inventory", expect: "lantern(#")
        try again.command("who", expect: "1 player online.")
        try again.command("dummyrunner_echo_response 17.5", expect: "dummyrunner_echo_response:")
        let echo = try again.read(until: "\n")
        let parts = echo.split(separator: ",")
        #expect(parts.first == "17.5")
        #expect(Double(parts.last?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "").map { abs($0 - Date().timeIntervalSince1970) < 5 } == true)
    }

    @Test func playersCannotBuildAndUnknownCommandsAreExplained() throws {
        let directory = try makeGameDirectory("perm")
        defer { removeGameDirectory(directory) }
        let server = try startServer(directory)
        defer { server.shutdown() }
        let carol = try loggedInClient(port: server.port, name: "carol")
        try carol.command("dig Cave", expect: "You are not allowed to use 'dig' (it needs builder).")
        try carol.command("xyzzy", expect: "Command 'xyzzy' is not available.")
        carol.send("idle")
        let afterIdle = try carol.command("look", expect: "Limbo")
        #expect(!afterIdle.contains("not available"))
        try carol.command("pub anyone?", expect: "[Public] carol: anyone?")
        try carol.command("emote waves.", expect: "carol waves.")
        try carol.command("help", expect: "player: look")
    }

    @Test func failedLoginsAreThrottledPerAddress() throws {
        let directory = try makeGameDirectory("throttle") { $0.loginFailLimit = 3 }
        defer { removeGameDirectory(directory) }
        let server = try startServer(directory)
        defer { server.shutdown() }
        let client = try TestClient(port: server.port)
        try client.command("create dave goodpass", expect: "was created")
        for _ in 0..<3 {
            try client.command("connect dave wrongpass", expect: "Incorrect login information given.")
        }
        try client.command("connect dave goodpass", expect: "Too many failed login attempts.")
        let other = try TestClient(port: server.port)
        try other.command("connect dave goodpass", expect: "Too many failed login attempts.")
    }

    @Test func passwordPromptTurnsEchoOff() throws {
        let directory = try makeGameDirectory("echo")
        defer { removeGameDirectory(directory) }
        let server = try startServer(directory)
        defer { server.shutdown() }
        let client = try TestClient(port: server.port)
        try client.read(until: "re-show this screen")
        client.send("create erin")
        try client.read(until: "Password:")
        client.send("hiddenpw")
        try client.read(until: "was created")
        client.send("connect erin")
        try client.read(until: "Password:")
        client.send("hiddenpw")
        try client.read(until: "You become erin.")
    }

    @Test func passwordModeSendsWillEchoThenWontEcho() throws {
        let directory = try makeGameDirectory("echobytes")
        defer { removeGameDirectory(directory) }
        let server = try startServer(directory)
        defer { server.shutdown() }
        let fd = try RawSocket(port: server.port)
        fd.send(Array("create fred\r\n".utf8))
        let first = fd.receive(until: [255, 251, 1], timeout: 10)
        #expect(first.contains(sequence: [255, 251, 1]))
        fd.send(Array("fredpass\r\n".utf8))
        let second = fd.receive(until: [255, 252, 1], timeout: 10)
        #expect(second.contains(sequence: [255, 252, 1]))
    }
}

extension Array where Element == UInt8 {
    /// Whether `sequence` occurs contiguously.
    func contains(sequence: [UInt8]) -> Bool {
        guard count >= sequence.count else { return false }
        return (0...(count - sequence.count)).contains { Array(self[$0..<($0 + sequence.count)]) == sequence }
    }
}

/// A bare socket for byte-level checks.
final class RawSocket {
    private var bytes: [UInt8] = []
    private let fd: Int32

    init(port: Int) throws {
        fd = try connectLoopback(port: port)
    }

    deinit { Glibc.close(fd) }

    func send(_ data: [UInt8]) {
        _ = data.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    func receive(until marker: [UInt8], timeout: Double) -> [UInt8] {
        let deadline = Date().addingTimeInterval(timeout)
        while !bytes.contains(sequence: marker) && deadline.timeIntervalSinceNow > 0 {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 200) > 0 else { continue }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            bytes += buffer[..<count]
        }
        return bytes
    }
}

/// Group commit: pipelined commands share transactions, and every reply follows its commit.
@Suite struct GroupCommitTests {
    @Test func pipelinedWritesShareTransactions() throws {
        let directory = try makeGameDirectory("group") {
            $0.newAccountPermission = .builder
            $0.databaseSynchronous = "FULL"
        }
        defer { removeGameDirectory(directory) }
        let server = try startServer(directory)
        defer { server.shutdown() }
        let client = try loggedInClient(port: server.port, name: "batcher")
        let before = server.writerCounts
        for index in 0..<300 { client.send("set me/k\(index) = v\(index)") }
        try client.read(until: "/k299 = v299", timeout: 30)
        let after = server.writerCounts
        #expect(after.ops - before.ops == 300)
        #expect(after.transactions - before.transactions < 300)
        print("group commit: 300 changes in \(after.transactions - before.transactions) transactions")
    }

    /// The database refuses writes for a while (a trigger stands in for a full disk): the player
    /// hears so once, the game goes on, and the change is in the database after the server stops.
    @Test func aChangeTheDatabaseRefusedIsWrittenOnceItTakesWritesAgain() throws {
        let directory = try makeGameDirectory("refused") { $0.newAccountPermission = .builder }
        defer { removeGameDirectory(directory) }
        let server = try startServer(directory)
        let client = try loggedInClient(port: server.port, name: "keeper")
        let control = try SQLiteDatabase(path: directory.databaseFile)
        try control.execute("CREATE TRIGGER refuse BEFORE INSERT ON attributes BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;")
        try client.command("set me/gold = 100", expect: "Saving to the database failed")
        try client.command("set me/silver = 7", expect: "silver = 7")
        #expect(try client.command("examine me", expect: "Contents:").contains("gold = 100"))
        try control.execute("DROP TRIGGER refuse;")
        try client.read(until: "Saving to the database works again", timeout: 10)
        server.shutdown()

        let store = WorldStore(database: try SQLiteDatabase(path: directory.databaseFile))
        let keeper = try #require(try store.objects(named: "keeper").first)
        let attributes = try store.attributes(of: keeper)
        #expect(attributes["gold"] == "100")
        #expect(attributes["silver"] == "7")
    }
}

/// The object cache: idle objects leave memory and come back from the database intact.
@Suite struct ObjectCacheTests {
    @Test func idleObjectsAreEvictedAndReloaded() throws {
        let directory = try makeGameDirectory("evict") {
            $0.objectIdleSeconds = 0.4
            $0.newAccountPermission = .builder
        }
        defer { removeGameDirectory(directory) }
        let server = try startServer(directory)
        defer { server.shutdown() }
        let builder = try loggedInClient(port: server.port, name: "mason")
        try builder.command("dig/tel Vault = vault, out", expect: "Vault(#")
        try builder.command("create chest", expect: "You create a new thing: chest(#")
        let id = try builder.read(until: ")").dropLast()
        try builder.command("set chest/gold = 100", expect: "gold = 100")
        try builder.command("drop chest", expect: "You drop chest.")
        try builder.command("out", expect: "Limbo(#1)")
        let before = try #require(server.statistics())
        var after = before
        for _ in 0..<50 where after.evictions == before.evictions {
            usleepSeconds(0.1)
            after = try #require(server.statistics())
        }
        #expect(after.evictions > before.evictions)
        let shown = try builder.command("examine #\(id)", expect: "Contents:")
        #expect(shown.contains("gold = 100"))
        #expect(shown.contains("Location: Vault(#"))
        #expect(try #require(server.statistics()).loads > before.loads)
    }
}

/// Slow work stays off the game executor: a long password hash does not hold up other players.
@Suite struct OffExecutorTests {
    @Test func aSlowPasswordHashDoesNotBlockOtherPlayers() throws {
        let directory = try makeGameDirectory("slowhash")
        defer { removeGameDirectory(directory) }
        // The admin's hash was made fast at init; new accounts now hash slowly (about a second).
        let config = try String(contentsOfFile: directory.configFile, encoding: .utf8)
            .replacingOccurrences(of: "password_rounds = 1000", with: "password_rounds = 3000000")
        try config.write(toFile: directory.configFile, atomically: true, encoding: .utf8)
        let server = try startServer(directory)
        defer { server.shutdown() }
        let admin = try loggedInClient(port: server.port, name: "Admin", password: "adminpass", create: false)
        let newcomer = try TestClient(port: server.port)
        try newcomer.read(until: "re-show this screen")
        let started = Date()
        newcomer.send("create slowpoke slowpass")
        usleepSeconds(0.05)
        for index in 0..<3 { try admin.command("say ping \(index)", expect: "You say, \"ping \(index)\"") }
        let adminDone = -started.timeIntervalSinceNow
        // Had the hash run on the executor, the account would already exist (its reply comes first).
        #expect((try? newcomer.read(until: "was created", timeout: 0.01)) == nil)
        try newcomer.read(until: "was created", timeout: 60)
        let hashDone = -started.timeIntervalSinceNow
        print("3 commands answered in \(adminDone) s while the hash took \(hashDone) s")
        #expect(adminDone < hashDone)
    }
}
