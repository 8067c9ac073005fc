import Testing
@testable import ProfileKit

@Suite("Admin protocol")
struct AdminProtocolTests {
    static let hello = AdminHello(server: MetricsFixtures.identity)

    static func line(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test("every request round-trips through its line")
    func requestRoundTrips() throws {
        let requests: [AdminRequest] = [
            AdminRequest(id: 1, kind: .subscribe(intervalSeconds: 1)),
            AdminRequest(id: 2, kind: .subscribe(intervalSeconds: 3_600)),
            AdminRequest(id: 3, kind: .unsubscribe),
            AdminRequest(id: 4, kind: .history(from: 1_764_000_000.5, to: 1_764_003_600)),
            AdminRequest(id: 5, kind: .history(from: nil, to: nil)),
        ] + AdminCommand.allCases.enumerated().map { AdminRequest(id: 10 + $0.offset, kind: .command($0.element)) }
        var reader = AdminRequestReader()
        let stream = requests.flatMap { $0.encodedLine() }
        let read = try reader.feed(stream).map { try $0.get() }
        #expect(read == requests)
    }

    @Test("request lines are documented JSON")
    func requestWireForm() {
        #expect(String(decoding: AdminRequest(id: 7, kind: .subscribe(intervalSeconds: 2)).encodedLine(), as: UTF8.self)
            == "{\"id\":7,\"interval\":2,\"type\":\"subscribe\"}\n")
        #expect(String(decoding: AdminRequest(id: 8, kind: .command(.profilerDump)).encodedLine(), as: UTF8.self)
            == "{\"command\":\"profiler_dump\",\"id\":8,\"type\":\"command\"}\n")
    }

    @Test("every server message round-trips through its line")
    func serverRoundTrips() throws {
        let snapshot = MetricsFixtures.busySnapshot
        let messages: [AdminServerMessage] = [
            .hello(Self.hello),
            .snapshot(id: 1, snapshot),
            .history(id: 2, snapshots: [snapshot, snapshot], final: false),
            .history(id: 2, snapshots: [], final: true),
            .result(id: 3, AdminCommandResult(command: .profilerDump, message: "wrote /g/server.prof", path: "/g/server.prof")),
            .result(id: 4, AdminCommandResult(command: .flushIdleObjects, message: "evicted 12 idle objects", count: 12)),
            .error(AdminProtocolError(code: .unknownCommand, message: "unknown command 'x'", requestID: 5)),
            .error(AdminProtocolError(code: .lineTooLong, message: "too long")),
        ]
        var client = AdminClientReader()
        let stream = messages.flatMap { $0.encodedLine() }
        // Fed in 7-byte chunks: framing must not care.
        var read: [AdminServerMessage] = []
        for start in stride(from: 0, to: stream.count, by: 7) {
            read += try client.feed(stream[start..<min(start + 7, stream.count)])
        }
        #expect(read == messages)
        #expect(client.hello == Self.hello)
    }

    @Test("the hello line is documented JSON")
    func helloWireForm() {
        #expect(String(decoding: AdminServerMessage.hello(Self.hello).encodedLine(), as: UTF8.self) ==
            "{\"protocol_version\":\"1.1\",\"server\":{\"name\":\"Lantern Hollow\",\"pid\":41207,"
            + "\"started_at\":1764000000,\"version\":\"0.1.0\"},\"type\":\"hello\"}\n")
    }

    @Test("history is sent in bounded batches, the last one final")
    func historyBatches() {
        let snapshots = (0..<250).map { i -> MetricsSnapshot in
            var s = MetricsFixtures.busySnapshot
            s.sequence = i
            return s
        }
        let batches = AdminServerMessage.historyBatches(id: 9, snapshots: snapshots, batchSize: 100)
        let shapes = batches.map { message -> [Int] in
            guard case .history(9, let part, let final) = message else { return [] }
            return [part.count, final ? 1 : 0]
        }
        #expect(shapes == [[100, 0], [100, 0], [50, 1]])
        #expect(AdminServerMessage.historyBatches(id: 9, snapshots: []) == [.history(id: 9, snapshots: [], final: true)])
        let full = AdminServerMessage.historyBatches(id: 1, snapshots: Array(snapshots.prefix(120)))
        #expect(full.count == 1)
        #expect(full[0].encodedLine().count < AdminClientReader.defaultMaxLineLength)
    }

    @Test("a hello with another major version gets a clear typed error; a newer minor is fine")
    func versionNegotiation() throws {
        var future = Self.hello
        future.protocolVersion = AdminProtocolVersion(major: 2, minor: 0)
        var client = AdminClientReader()
        #expect(throws: AdminProtocolError(code: .unsupportedVersion,
                                           message: "server speaks admin protocol 2.0, this client speaks 1.x")) {
            try client.feed(AdminServerMessage.hello(future).encodedLine())
        }
        var newer = Self.hello
        newer.protocolVersion = AdminProtocolVersion(major: 1, minor: 7)
        var tolerant = AdminClientReader()
        #expect(try tolerant.feed(AdminServerMessage.hello(newer).encodedLine()) == [.hello(newer)])
        var garbled = AdminClientReader()
        #expect(throws: AdminProtocolError(code: .unsupportedVersion, message: "protocol version 'one' is not major.minor")) {
            try garbled.feed(Self.line("{\"type\":\"hello\",\"protocol_version\":\"one\",\"server\":"
                + "{\"name\":\"x\",\"version\":\"1\",\"pid\":1,\"started_at\":0}}\n"))
        }
    }

    @Test("a first line that is not a hello is refused; unknown later types are skipped")
    func helloFirst() throws {
        var client = AdminClientReader()
        #expect(throws: AdminProtocolError(code: .expectedHello, message: "the server's first line is not a hello")) {
            try client.feed(AdminServerMessage.snapshot(id: 1, MetricsFixtures.busySnapshot).encodedLine())
        }
        var notJSON = AdminClientReader()
        #expect(throws: AdminProtocolError(code: .expectedHello,
                                           message: "the server's first line is not a hello: the line is not valid JSON")) {
            try notJSON.feed(Self.line("SSH-2.0-OpenSSH_9.2\r\n"))
        }
        var ok = AdminClientReader()
        let read = try ok.feed(AdminServerMessage.hello(Self.hello).encodedLine()
            + Self.line("{\"type\":\"added_later\",\"id\":1}\n")
            + AdminServerMessage.result(id: 2, AdminCommandResult(command: .profilerStart, message: "ok")).encodedLine())
        #expect(read.count == 2)
    }

    @Test("malformed and invalid requests get typed errors that carry the id when there is one", arguments: [
        ("{\"id\":1,\"type\":", AdminErrorCode.malformedJSON, nil as Int?),
        ("\u{FF}\u{FE}", .malformedJSON, nil),
        ("[1,2]", .invalidRequest, nil),
        ("{\"type\":\"subscribe\"}", .invalidRequest, nil),
        ("{\"id\":\"1\",\"type\":\"subscribe\"}", .invalidRequest, nil),
        ("{\"id\":1.5,\"type\":\"subscribe\"}", .invalidRequest, nil),
        ("{\"id\":3}", .invalidRequest, 3),
        ("{\"id\":4,\"type\":\"subscribe\",\"interval\":0}", .invalidRequest, 4),
        ("{\"id\":5,\"type\":\"subscribe\",\"interval\":1.5}", .invalidRequest, 5),
        ("{\"id\":6,\"type\":\"history\",\"from\":10,\"to\":5}", .invalidRequest, 6),
        ("{\"id\":7,\"type\":\"command\"}", .invalidRequest, 7),
        ("{\"id\":8,\"type\":\"command\",\"command\":\"shutdown\"}", .unknownCommand, 8),
        ("{\"id\":9,\"type\":\"reboot\"}", .unknownType, 9),
    ])
    func badRequests(text: String, code: AdminErrorCode, id: Int?) throws {
        var reader = AdminRequestReader()
        let results = reader.feed(Self.line(text + "\n"))
        guard results.count == 1, case .failure(let error) = results[0] else {
            Issue.record("expected one error, got \(results)")
            return
        }
        #expect(error.code == code)
        #expect(error.requestID == id)
        #expect(!error.message.isEmpty)
        // The answer is itself a well-formed error line.
        let answer = AdminServerMessage.error(error).encodedLine()
        #expect(try AdminServerMessage.parse(line: answer.dropLast()) == .error(error))
    }

    @Test("an oversized request gets line_too_long and the connection keeps working")
    func oversizedRequest() throws {
        var reader = AdminRequestReader(maxLineLength: 100)
        let flood = [UInt8](repeating: UInt8(ascii: "x"), count: 10_000) + [UInt8(ascii: "\n")]
        let results = reader.feed(flood + AdminRequest(id: 1, kind: .unsubscribe).encodedLine())
        #expect(results.count == 2)
        #expect(throws: AdminProtocolError(code: .lineTooLong, message: "request line longer than the limit; skipped")) {
            try results[0].get()
        }
        #expect(try results[1].get() == AdminRequest(id: 1, kind: .unsubscribe))
        #expect(reader.bufferedByteCount == 0)
    }
}

@Suite("Admin token")
struct AdminTokenTests {
    @Test("a TCP client's token line is accepted only when it carries exactly the token")
    func token() {
        let line = AdminToken.encodedLine(token: "s3cret")
        #expect(String(decoding: line, as: UTF8.self) == "{\"token\":\"s3cret\"}\n")
        #expect(AdminToken.accepts(line: line.dropLast(), expected: "s3cret"))
        #expect(!AdminToken.accepts(line: line.dropLast(), expected: "s3creT"))
        #expect(!AdminToken.accepts(line: line.dropLast(), expected: "s3cret2"))
        #expect(!AdminToken.accepts(line: AdminToken.encodedLine(token: "").dropLast(), expected: ""))
        #expect(!AdminToken.accepts(line: Array("{\"id\":1,\"type\":\"subscribe\"}".utf8), expected: "s3cret"))
        #expect(!AdminToken.accepts(line: Array("not json".utf8), expected: "s3cret"))
    }
}
