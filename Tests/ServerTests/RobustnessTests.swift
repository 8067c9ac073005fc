import Foundation
import Testing
@testable import Server

/// Bad and heavy clients: floods, clients that never read, half-open connections, many clients.
@Suite struct RobustnessTests {
    @Test func aFloodWithoutNewlinesIsCappedAndTheServerStaysUsable() throws {
        let directory = try makeGameDirectory("flood")
        defer { removeGameDirectory(directory) }
        let server = try startServer(directory)
        defer { server.shutdown() }
        let flooder = try loggedInClient(port: server.port, name: "flooder")
        flooder.sendRaw([UInt8](repeating: UInt8(ascii: "a"), count: 1 << 20) + Array("\r\n".utf8))
        try flooder.read(until: "longer than 4096 bytes")
        try flooder.command("look", expect: "Limbo")
        for index in 0..<500 { flooder.send("say burst \(index)") }
        try flooder.read(until: "You say, \"burst 499\"", timeout: 30)
        let other = try loggedInClient(port: server.port, name: "bystander")
        try other.command("who", expect: "2 players online.")
    }

    @Test func aClientThatNeverReadsIsDisconnected() throws {
        let directory = try makeGameDirectory("noread") {
            $0.outputBufferLimit = 64 * 1024
            $0.newAccountPermission = .builder
        }
        defer { removeGameDirectory(directory) }
        let server = try startServer(directory)
        defer { server.shutdown() }
        let sleeper = try TestClient(port: server.port, receiveBuffer: 4096)
        try sleeper.command("create sleeper secretpw", expect: "was created")
        try sleeper.command("connect sleeper secretpw", expect: "You become sleeper.")
        try sleeper.command("desc here = " + String(repeating: "Long description. ", count: 200), expect: "was set")
        // About 14 MB of replies that the client never reads.
        for _ in 0..<4000 { sleeper.send("look") }
        let watcher = try loggedInClient(port: server.port, name: "watcher")
        var online = ""
        for _ in 0..<100 {
            online = try watcher.command("who", expect: "online.")
            if !online.contains("sleeper") { break }
            usleepSeconds(0.1)
        }
        #expect(!online.contains("sleeper"))
        #expect(sleeper.waitForClose(timeout: 30))
    }

    @Test func halfClosedAndSilentConnectionsAreClosed() throws {
        let directory = try makeGameDirectory("halfopen") { $0.loginTimeout = 1 }
        defer { removeGameDirectory(directory) }
        let server = try startServer(directory)
        defer { server.shutdown() }
        let halfClosed = try TestClient(port: server.port)
        halfClosed.sendRaw(Array("conn".utf8))
        halfClosed.shutdownWrite()
        #expect(halfClosed.waitForClose(timeout: 10))
        let silent = try TestClient(port: server.port)
        try silent.read(until: "Login timed out.", timeout: 10)
        #expect(silent.waitForClose(timeout: 10))
        let fine = try loggedInClient(port: server.port, name: "latecomer")
        usleepSeconds(1.5)
        try fine.command("look", expect: "Limbo")
        #expect(server.statistics()?.sessions == 1)
    }

    @Test func connectionsPerAddressAreCapped() throws {
        let directory = try makeGameDirectory("cap") { $0.maxConnectionsPerAddress = 3 }
        defer { removeGameDirectory(directory) }
        let server = try startServer(directory)
        defer { server.shutdown() }
        var clients = try (0..<3).map { _ in try TestClient(port: server.port) }
        for client in clients { try client.read(until: "re-show this screen") }
        let refused = try TestClient(port: server.port)
        try refused.read(until: "Too many connections from your address.")
        #expect(refused.waitForClose(timeout: 10))
        clients[0].close()
        clients.removeFirst()
        var admitted = false
        for _ in 0..<50 where !admitted {
            let next = try TestClient(port: server.port)
            admitted = (try? next.read(until: "re-show this screen", timeout: 2)) != nil
            if !admitted { usleepSeconds(0.1) }
            clients.append(next)
        }
        #expect(admitted)
    }

    @Test func manyConcurrentClients() throws {
        let count = Int(ProcessInfo.processInfo.environment["MUDSCOPE_CLIENTS"] ?? "") ?? 100
        let directory = try makeGameDirectory("many") { $0.maxConnectionsPerAddress = count + 10 }
        defer { removeGameDirectory(directory) }
        let server = try startServer(directory)
        defer { server.shutdown() }
        let started = Date()
        let clients = try (0..<count).map { _ in try TestClient(port: server.port) }
        for (index, client) in clients.enumerated() { client.send("create user\(index) pass\(index)") }
        for client in clients { try client.read(until: "was created", timeout: 60) }
        for (index, client) in clients.enumerated() { client.send("connect user\(index) pass\(index)") }
        for (index, client) in clients.enumerated() { try client.read(until: "You become user\(index).", timeout: 60) }
        for (index, client) in clients.enumerated() { client.send("pub hello from \(index)") }
        for client in clients { try client.read(until: "[Public] user\(count - 1): hello from \(count - 1)", timeout: 60) }
        try clients[0].command("who", expect: "\(count) players online.")
        for client in clients { client.send("quit") }
        for client in clients { #expect(client.waitForClose(timeout: 30)) }
        print("manyConcurrentClients: \(count) clients in \(String(format: "%.2f", -started.timeIntervalSinceNow)) s")
    }
}
