import Foundation
import ProfileKit
import Testing
@testable import Server

/// The session list (admin protocol 1.1) through the real admin socket: who is on, from where,
/// how idle, how many commands, in which room; only for a subscriber that asked; capped.
@Suite struct SessionListTests {
    @Test func aSubscriberThatAsksSeesEachSessionsNameRoomCommandsAndIdle() throws {
        let directory = try makeGameDirectory("sessions") { $0.newAccountPermission = .builder }
        defer { removeGameDirectory(directory) }
        let server = try startServer(directory)
        defer { server.shutdown() }
        // ben: create, connect, look (3 commands); ann: create, connect, dig, open, up (5), last.
        let ben = try loggedInClient(port: server.port, name: "ben")
        try ben.command("look", expect: "Limbo")
        let ann = try loggedInClient(port: server.port, name: "ann")
        try ann.command("dig Tower", expect: "Created room Tower(#")
        try ann.command("open up;u, down = Tower", expect: "Created exit down(#")
        try ann.command("u", expect: "Tower(#")
        // Still on the login screen: no name, no room, no command.
        let lurker = try TestClient(port: server.port)
        try lurker.read(until: "re-show this screen")

        let plain = try AdminTestClient(socketPath: directory.adminSocket)
        _ = try plain.next()
        plain.send(#"{"id":1,"interval":1,"type":"subscribe"}"#)
        let admin = try AdminTestClient(socketPath: directory.adminSocket)
        _ = try admin.next()
        admin.send(#"{"id":1,"interval":1,"sessions":true,"type":"subscribe"}"#)

        // The first snapshot may come before the game thread took a list; one second later it has one.
        let message = try admin.next(timeout: 10) {
            if case .snapshot(1, let snapshot) = $0 { snapshot.sessionList?.total == 3 } else { false }
        }
        guard case .snapshot(_, let snapshot) = message, let list = snapshot.sessionList else {
            Issue.record("no snapshot with a session list")
            return
        }
        #expect(list.sessions.count == 3 && !list.isCapped)
        // Most recently active first; a new connection counts as activity.
        #expect(list.sessions.map(\.name) == [nil, "ann", "ben"])
        let byName = Dictionary(uniqueKeysWithValues: list.sessions.map { ($0.name ?? "-", $0) })
        #expect(byName["ann"]?.room == "Tower")
        #expect(byName["ben"]?.room == "Limbo")
        #expect(byName["-"]?.room == nil)
        #expect(byName["ann"]?.commands == 5)
        #expect(byName["ben"]?.commands == 3)
        #expect(byName["-"]?.commands == 0)
        #expect(list.sessions.allSatisfy { $0.address == "127.0.0.1" })
        #expect(list.sessions.allSatisfy { $0.idleSeconds >= 0 && $0.idleSeconds < 30 })
        #expect(Set(list.sessions.map(\.id)).count == 3)

        // Idle grows while nobody types; a command brings it back to about zero.
        usleepSeconds(2.2)
        try ben.command("look", expect: "Limbo")
        let later = try admin.next(timeout: 10) {
            if case .snapshot(1, let s) = $0 { s.sessionList?.sessions.first?.name == "ben" } else { false }
        }
        if case .snapshot(_, let s) = later, let sessions = s.sessionList?.sessions {
            #expect(sessions.first?.commands == 4)
            #expect((sessions.first?.idleSeconds ?? 99) < (sessions.first { $0.name == "ann" }?.idleSeconds ?? 0))
            #expect((sessions.first { $0.name == "ann" }?.idleSeconds ?? 0) >= 2)
        }

        // A subscriber that did not ask gets none, and neither does history (nor metrics.db). Its
        // first snapshots may predate the once-a-second session count that includes the lurker
        // (a race a loaded machine loses), so wait for one that counts all three.
        guard case .snapshot(_, let other) = try plain.next(timeout: 10, where: {
            if case .snapshot(_, let s) = $0 { s.sessions.connected == 3 } else { false }
        })
        else { Issue.record("no plain snapshot"); return }
        #expect(other.sessionList == nil)
        #expect(other.sessions.loggedIn == 2)
        admin.send(#"{"id":2,"type":"history"}"#)
        let history = try admin.history(id: 2)
        #expect(!history.isEmpty && history.allSatisfy { $0.sessionList == nil })
        #expect(server.live.metrics.latest?.sessionList == nil)

        // Capped: the most recently active first, and the total of all.
        let capped = try #require(server.sessionList(limit: 2))
        #expect(capped.total == 3 && capped.sessions.map(\.name) == ["ben", nil] && capped.isCapped)
        let whole = try #require(server.sessionList(limit: 3))
        #expect(whole.sessions.map(\.name) == ["ben", nil, "ann"] && !whole.isCapped)
        #expect(server.sessionList(limit: 0) == SessionList(total: 3, sessions: []))

        // A session that leaves leaves the list.
        lurker.close()
        _ = try admin.next(timeout: 10) {
            if case .snapshot(1, let s) = $0 { s.sessionList?.total == 2 } else { false }
        }
    }

    @Test func theRequestFlagRoundTripsAndAPlainSubscribeIsUnchanged() throws {
        let asked = AdminRequest(id: 4, kind: .subscribe(intervalSeconds: 2, sessions: true))
        #expect(String(decoding: asked.encodedLine(), as: UTF8.self) == #"{"id":4,"interval":2,"sessions":true,"type":"subscribe"}"# + "\n")
        #expect(try AdminRequest.parse(line: asked.encodedLine().dropLast()) == asked)
        let plain = AdminRequest(id: 5, kind: .subscribe(intervalSeconds: 1))
        #expect(String(decoding: plain.encodedLine(), as: UTF8.self) == #"{"id":5,"interval":1,"type":"subscribe"}"# + "\n")
        let wrong = #"{"id":6,"sessions":"yes","type":"subscribe"}"#
        #expect(throws: AdminProtocolError.self) { try AdminRequest.parse(line: Array(wrong.utf8)) }
    }
}
