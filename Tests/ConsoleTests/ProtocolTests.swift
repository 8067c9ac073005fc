import Foundation
import Testing
import ProfileKit
@testable import Console

/// The live source against a scripted endpoint: attach, history, subscribe, commands, refusal of
/// an unknown protocol major, and reattaching after the server goes away.
@Suite struct ProtocolTests {
    /// Steps `source` until `predicate` holds for the events so far (waits on its descriptor).
    func events(_ source: AdminSource, until predicate: ([SourceEvent]) -> Bool, timeout: Double = 5) -> [SourceEvent] {
        var events: [SourceEvent] = []
        let end = MonotonicClock.now() + timeout
        while !predicate(events), MonotonicClock.now() < end {
            if let fd = source.descriptor {
                var waiter = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                _ = poll(&waiter, 1, 50)
            } else {
                usleep(20_000)
            }
            events += source.step(now: MonotonicClock.now())
        }
        return events
    }

    static let hello = AdminServerMessage.hello(AdminHello(server: ReplayFixture.server))

    @Test func attachAsksForHistoryThenSubscribesAndCarriesCommands() throws {
        let server = try FakeAdminServer()
        let source = AdminSource(address: .unix(path: server.path), intervalSeconds: 2)
        defer { source.close() }
        #expect(source.step(now: MonotonicClock.now()) == [.connecting(target: server.path)])
        try server.accept()
        server.send([Self.hello])
        let attached = events(source) { $0.contains(.attached(AdminHello(server: ReplayFixture.server))) }
        #expect(attached.contains(.attached(AdminHello(server: ReplayFixture.server))))
        let requests = try server.requests(2)
        #expect(requests.map(\.kind) == [.history(from: nil, to: nil), .subscribe(intervalSeconds: 2, sessions: true)])
        let snapshots = try ReplayFixture.playedModel().history
        // Small batches: the fake writes with blocking calls while the source is not reading.
        server.send(AdminServerMessage.historyBatches(id: requests[0].id, snapshots: Array(snapshots.prefix(12)), batchSize: 5))
        server.send([.snapshot(id: requests[1].id, snapshots[12])])
        let got = events(source) { $0.contains(.snapshots([snapshots[12]])) }
        #expect(got == [.history(Array(snapshots[0..<5])), .history(Array(snapshots[5..<10])), .history(Array(snapshots[10..<12])),
                        .snapshots([snapshots[12]])])
        #expect(source.send(.profilerDump).isEmpty)
        let command = try #require(try server.requests(1).first)
        #expect(command.kind == .command(.profilerDump))
        let result = AdminCommandResult(command: .profilerDump, message: "wrote /g/server.prof", path: "/g/server.prof")
        server.send([.result(id: command.id, result)])
        #expect(events(source) { !$0.isEmpty } == [.result(result)])
        server.send([.error(AdminProtocolError(code: .commandFailed, message: "profiler is off", requestID: 99))])
        #expect(events(source) { !$0.isEmpty } == [.requestFailed("profiler is off (command_failed)")])
    }

    @Test func unknownMajorVersionIsRefusedWithoutRetry() throws {
        let server = try FakeAdminServer()
        let source = AdminSource(address: .unix(path: server.path), intervalSeconds: 1)
        defer { source.close() }
        _ = source.step(now: MonotonicClock.now())
        try server.accept()
        server.send(raw: #"{"protocol_version":"2.0","server":{"name":"N","pid":1,"started_at":0,"version":"9"},"type":"hello"}"# + "\n")
        let got = events(source) { $0.contains { if case .refused = $0 { true } else { false } } }
        #expect(got == [.refused("server speaks admin protocol 2.0, this client speaks 1.x (unsupported_version)")])
        #expect(source.isFinished && source.descriptor == nil && source.deadline == nil)
        var model = DashboardModel(connection: .connecting(target: server.path))
        for event in got { model.apply(event) }
        let text = DashboardRenderer.render(model, width: 80, height: 24).text
        #expect(text.contains("refused") && text.contains("admin protocol 2.0"))
    }

    @Test func serverGoneMeansRetryingAndReattachKeepsHistory() throws {
        let server = try FakeAdminServer()
        // Without the session list (as `--batch --format csv` subscribes).
        let source = AdminSource(address: .unix(path: server.path), intervalSeconds: 1, sessions: false)
        defer { source.close() }
        var model = DashboardModel(connection: .connecting(target: server.path))
        _ = source.step(now: MonotonicClock.now())
        try server.accept()
        server.send([Self.hello])
        let snapshots = try ReplayFixture.playedModel().history
        _ = try server.requests(2)
        server.send(AdminServerMessage.historyBatches(id: 1, snapshots: Array(snapshots.prefix(50))))
        for event in events(source, until: { $0.count >= 2 }) { model.apply(event) }
        #expect(model.history.count == 50)
        server.stop()
        let gone = events(source) { $0.contains { if case .disconnected = $0 { true } else { false } } }
        for event in gone { model.apply(event) }
        // Closed or reset, depending on whether the fake had unread bytes: either way, gone.
        #expect({ if case .disconnected(_, 1) = model.connection { true } else { false } }(), "\(model.connection)")
        #expect(DashboardRenderer.render(model, width: 80, height: 24).text.contains("disconnected, retrying"))
        #expect(model.history.count == 50)
        // The retry while the server is down fails and backs off to 2 s.
        let down = events(source, until: { $0.count >= 2 }, timeout: 3)
        #expect(down.last.map { if case .disconnected(_, 2) = $0 { true } else { false } } == true)
        try server.listen()
        let back = events(source, until: { $0.contains(.connecting(target: server.path)) }, timeout: 4)
        for event in back { model.apply(event) }
        try server.accept()
        server.send([Self.hello])
        for event in events(source, until: { !$0.isEmpty }) { model.apply(event) }
        let requests = try server.requests(2)
        try #require(requests.count == 2)
        #expect(requests.first?.kind == .history(from: snapshots[49].time + 0.001, to: nil))
        #expect(requests.last?.kind == .subscribe(intervalSeconds: 1, sessions: false))
        server.send(AdminServerMessage.historyBatches(id: requests[0].id, snapshots: Array(snapshots[50..<60])))
        for event in events(source, until: { $0.count >= 2 }) { model.apply(event) }
        #expect(model.connection == .connected)
        #expect(model.history == Array(snapshots.prefix(60)))
    }

    @Test func replayRefusesAnUnknownMajorVersion() throws {
        let line = #"{"protocol_version":"2.1","server":{"name":"N","pid":1,"started_at":0,"version":"9"},"type":"hello"}"# + "\n"
        #expect(throws: ReplayError.self) { try ReplayRecording(bytes: Array(line.utf8)) }
        let path = NSTemporaryDirectory() + "mudtop-v2-\(UUID().uuidString).jsonl"
        try line.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try MudTopBinary.run(["--batch", "--replay", path])
        #expect(run.status == 2)
        #expect(run.error.contains("speaks admin protocol 2.1; this mudtop speaks 1.x"))
    }

    @Test func replayReadsBareSnapshotLinesAndNamesBadLines() throws {
        let snapshots = Array(try ReplayFixture.playedModel().history.prefix(3))
        let text = snapshots.map { String(decoding: $0.jsonBytes(), as: UTF8.self) }.joined(separator: "\r\n") + "\n\n"
        let recording = try ReplayRecording(bytes: Array(text.utf8))
        #expect(recording.stream == snapshots && recording.hello == nil && recording.history.isEmpty)
        do {
            _ = try ReplayRecording(bytes: Array((text + "{\"schema\":1}\n").utf8))
            Issue.record("a broken line was accepted")
        } catch {
            #expect(error.message.hasPrefix("line 5:"))
        }
    }
}
