import Testing
@testable import ProfileKit

/// The session list on the wire (admin protocol 1.1): its keys, round trips through a snapshot and
/// a `snapshot` line, and compatibility both ways with 1.0 peers.
@Suite("Session list JSON")
struct SessionListJSONTests {
    static let list = SessionList(total: 5_000, sessions: [
        SessionEntry(id: 12, name: "Mira", address: "203.0.113.7", idleSeconds: 1.5, commands: 58, room: "The Lantern Inn"),
        SessionEntry(id: 40, name: nil, address: "::1", idleSeconds: 20, commands: 0, room: nil),
    ])

    @Test("a snapshot with a list reads back equal; the keys are snake_case and nil fields are left out")
    func roundTrip() throws {
        var snapshot = MetricsFixtures.busySnapshot
        snapshot.sessionList = Self.list
        let json = String(decoding: snapshot.jsonBytes(), as: UTF8.self)
        #expect(json.contains(#""session_list":{"sessions":[{"address":"203.0.113.7","commands":58,"id":12,"idle_seconds":1.5,"name":"Mira","room":"The Lantern Inn"},{"address":"::1","commands":0,"id":40,"idle_seconds":20}],"total":5000}"#))
        #expect(try MetricsSnapshot(json: snapshot.jsonBytes()) == snapshot)
        #expect(Self.list.isCapped)

        let line = AdminServerMessage.snapshot(id: 3, snapshot).encodedLine()
        #expect(try AdminServerMessage.parse(line: line.dropLast()) == .snapshot(id: 3, snapshot))
    }

    @Test("a 1.0 snapshot (no list) reads as nil, and a snapshot without a list writes no key")
    func compatibility() throws {
        let json = String(decoding: MetricsFixtures.busySnapshot.jsonBytes(), as: UTF8.self)
        #expect(!json.contains("session_list"))
        #expect(try MetricsSnapshot(json: Array(json.utf8)).sessionList == nil)
        // An older reader ignores unknown keys; the same rule lets this one read a newer list field.
        var withList = MetricsFixtures.busySnapshot
        withList.sessionList = Self.list
        var text = String(decoding: withList.jsonBytes(), as: UTF8.self)
        text.removeFirst()
        #expect(try MetricsSnapshot(json: Array(("{\"a_later_field\":true," + text).utf8)) == withList)
    }

    @Test("the version is 1.1 and still reads 1.0 peers; 2.x is refused")
    func version() {
        #expect(AdminProtocolVersion.current == AdminProtocolVersion(major: 1, minor: 1))
        #expect(AdminProtocolVersion.current.canRead(AdminProtocolVersion(major: 1, minor: 0)))
        #expect(!AdminProtocolVersion.current.canRead(AdminProtocolVersion(major: 2, minor: 0)))
    }
}
