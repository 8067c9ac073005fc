import Foundation
import NIOCore
import NIOEmbedded
import ProfileKit
import Synchronization
import Testing
@testable import Server

/// End-of-record marks (telnet EOR, RFC 885): a client that asks gets IAC EOR after the output of
/// each input line, and the dummyrunner's bots use them to tell a reply from other output.
@Suite struct ReplyMarkTests {
    // MARK: the server's side

    @Test func theDecoderAgreesToEORWhenAskedAndSaysSo() {
        var decoder = TelnetDecoder()
        #expect(decoder.feed([255, 253, 25]) == [.reply([255, 251, 25]), .endOfRecord(on: true)])
        #expect(decoder.feed([255, 253, 25]) == [])
        #expect(decoder.feed([255, 254, 25]) == [.reply([255, 252, 25]), .endOfRecord(on: false)])
        #expect(decoder.feed([255, 254, 25]) == [])
        // A client's own IAC EOR is not input.
        #expect(decoder.feed([0x61, 255, 239, 0x62, 0x0A]) == [.line("ab")])
    }

    @Test func theEncoderPutsTheMarkAfterTheLineEnding() {
        for (text, ending) in [("Limbo", false), ("Limbo", true), ("", true), ("a\nb\n", true)] {
            var buffer = ByteBuffer()
            TelnetEncoder.encode(text, into: &buffer, endingLine: ending, endingRecord: true)
            var expected = TelnetEncoder.encode(text + (ending ? "\n" : ""))
            expected += [255, 239]
            #expect(Array(buffer.readableBytesView) == expected, "\(text.debugDescription)")
            #expect(buffer.readableBytes <= TelnetEncoder.maximumEncodedBytes(text))
        }
    }

    @Test func deliveriesMarkTheLastLineOrSendTheMarkAlone() {
        let (one, two) = (RecordingConnection(), RecordingConnection())
        var deliveries: [Delivery] = [.line(one, "a"), .line(two, "b"), .line(one, "c"), .passwordMode(one, true)]
        deliveries.endReply(to: one, then: nil, marked: true)
        deliveries.endReply(to: one, then: nil, marked: true)  // a second line's mark, with no output of its own
        deliveries.endReply(to: RecordingConnection(), then: nil, marked: true)
        deliveries.performAndFlush()
        #expect(one.sent == ["a", "c+EOR", "echo on", "EOR", "flush"])
        #expect(two.sent == ["b", "flush"])
    }

    @Test func aReplyIsHandedOverWholeBeforeAnyConnectionIsFlushed() {
        let crowd = (0..<12).map { _ in RecordingConnection() }
        let handedOver = Mutex<[[String]]>([])
        var deliveries: [Delivery] = crowd.map { .line($0, "hi") } + crowd.map { .line($0, "bye") }
        deliveries.endReply(to: crowd[0], then: { handedOver.withLock { $0 = crowd.map(\.sent) } }, marked: false)
        deliveries.performAndFlush()
        // The action ran after every line was queued and before any flush; each connection was
        // flushed once (a crowd past the scan's reach included).
        #expect(handedOver.withLock { $0 } == Array(repeating: ["hi", "bye"], count: 12))
        for connection in crowd { #expect(connection.sent == ["hi", "bye", "flush"]) }
    }

    @Test func aCrowdsFlushesWaitForTheEndOfTheBurstAndTheReplyDoesNot() throws {
        let loop = EmbeddedEventLoop()
        let profiler = Profiler()
        let recorder = profiler.makeRecorder(name: "game")
        profiler.start()
        let deferred = DeferredFlushes(loop: loop, recorder: recorder)
        let crowd = (0..<12).map { _ in RecordingConnection() }
        // Two broadcasts to the same crowd, each from a different player's command.
        for speaker in crowd.prefix(2) {
            var deliveries: [Delivery] = [.line(speaker, "You say hi")] + crowd.map { .line($0, "hi") }
            deliveries.endReply(to: speaker, then: nil, marked: false)
            deliveries.performAndFlush(deferringCrowdsTo: deferred)
            #expect(speaker.sent.last == "flush", "the speaker's reply goes out at once")
        }
        #expect(crowd[2].sent == ["hi", "hi"], "no flush before the burst ends")
        loop.run()
        // One flush each for the whole burst (the speakers' own lines went out before).
        #expect(crowd[0].sent == ["You say hi", "hi", "flush", "hi", "flush"])
        #expect(crowd[1].sent == ["hi", "You say hi", "hi", "flush", "flush"])
        for connection in crowd.dropFirst(2) { #expect(connection.sent == ["hi", "hi", "flush"]) }
        // A later burst gets a task of its own; a few connections are flushed at once.
        var small: [Delivery] = crowd.prefix(3).map { .line($0, "bye") }
        small.endReply(to: crowd[0], then: nil, marked: false)
        small.performAndFlush(deferringCrowdsTo: deferred)
        #expect(crowd[2].sent.suffix(2) == ["bye", "flush"])
        var big: [Delivery] = crowd.map { .line($0, "again") }
        big.endReply(to: crowd[0], then: nil, marked: false)
        big.performAndFlush(deferringCrowdsTo: deferred)
        #expect(crowd[5].sent.last == "again")
        loop.run()
        #expect(crowd[5].sent.suffix(2) == ["again", "flush"])
        // Each burst's task is recorded once, under its own name.
        let flushes = profiler.snapshot().profile().functions.filter { $0.key.name == "deferred flush" }
        #expect(flushes.map(\.calls) == [2])
        try loop.syncShutdownGracefully()
    }

    @Test func eachInputLineOfAClientThatAskedEndsWithOneMark() throws {
        let directory = try makeGameDirectory("eor") { $0.newAccountPermission = .builder }
        defer { removeGameDirectory(directory) }
        let server = try startServer(directory)
        defer { server.shutdown() }
        let eve = try MarkClient(port: server.port)
        try eve.read(until: { $0.text.contains("re-show this screen") })
        eve.send(raw: [255, 253, 25])
        try eve.read(until: { $0.agreed })
        // Account creation hashes off the game thread: its mark waits for the reply.
        #expect(try eve.command("create eve secretpw").contains("was created"))
        #expect(try eve.command("connect eve secretpw").contains("You become eve."))
        // Several lines in one write: one mark each, in order, an empty or silent line's included.
        eve.send(raw: Array("look\r\n\r\nidle\r\nsay hi\r\n".utf8))
        let replies = try eve.replies(4)
        #expect(replies[0].contains("Limbo(#1)") && replies[1].isEmpty && replies[2].isEmpty)
        #expect(replies[3].contains("You say, \"hi\""))
        // Another player's output is not a reply: it comes with no mark of its own.
        let bob = try loggedInClient(port: server.port, name: "bob")
        try bob.command("say hello eve", expect: "You say, \"hello eve\"")
        try eve.read(until: { $0.text.contains("bob says, \"hello eve\"") })
        #expect(eve.marks == 6)
        let look = try eve.command("look")
        #expect(look.contains("bob says") && look.contains("Limbo(#1)"), "the mark closes both: \(look)")
        // A client that never asked gets no mark (bob's stream), and one that stops asking gets none.
        eve.send(raw: [255, 254, 25])
        eve.send(raw: Array("look\r\n".utf8))
        try eve.read(until: { $0.text.contains("Limbo(#1)") })
        eve.send(raw: [255, 253, 25])
        try eve.command("look")
        #expect(eve.marks == 8)
        let plain = try MarkClient(port: server.port)
        plain.send(raw: Array("connect bob secretpw\r\nlook\r\n".utf8))
        try plain.read(until: { $0.text.contains("Limbo(#1)") })
        #expect(plain.marks == 0 && !plain.agreed)
    }

    // MARK: the bots' side

    @Test func theScannerKeepsItsPlaceAcrossReads() {
        var scanner = TelnetScanner()
        #expect(scanner.scan([255, 253, 31, 255, 253, 24]) == [])
        let mixed: [UInt8] = [255, 251, 1] + Array("Password:".utf8) + [255, 250, 24, 0, 65, 255, 240, 255, 255, 10]
        #expect(scanner.scan(mixed) == [.text(Array("Password:".utf8) + [255, 10])])
        // A mark, an answer and a subnegotiation cut at every point give the same pieces.
        let stream: [UInt8] = Array("Limbo\r\n".utf8) + [255, 239, 255, 251, 25] + Array("x".utf8)
            + [255, 250, 24, 255, 255, 1, 255, 240, 255, 239, 255, 252, 25]
        let whole = TelnetScanner().scanned(stream)
        #expect(whole == [.text(Array("Limbo\r\n".utf8)), .endOfRecord, .marksReplies(true), .text([0x78]),
                          .endOfRecord, .marksReplies(false)])
        for cut in 1..<stream.count {
            var split = TelnetScanner()
            let pieces = split.scan(stream[..<cut]) + split.scan(stream[cut...])
            #expect(pieces.joinedTexts == whole, "cut at \(cut)")
        }
    }

    /// A bot that logs in with one line, then each turn sends a silent `idle` and a `look`.
    private static func lookBot() -> BotSession {
        var profile = RunnerProfile(name: "look")
        profile.chanceOfAction = 1
        profile.login = ["connect a b"]
        profile.silent = ["idle"]
        profile.actions = [WeightedAction(name: "look", weight: 1, commands: ["idle", "look"])]
        return BotSession(profile: profile, memory: BotMemory(gid: "g", password: "p"))
    }

    @Test func aMarkedReplyEndsAtItsOwnMarkWhateverCameFirst() throws {
        var bot = Self.lookBot()
        var statistics = RunStatistics()
        var generator = SeededGenerator(seed: 1)
        _ = bot.tick(due: 100, now: 100, login: true, statistics: &statistics, using: &generator)
        bot.connected()
        #expect(bot.received("Welcome", now: 100.01, statistics: &statistics) == .send(["connect a b"]))
        bot.serverMarksReplies(true)
        // With marks, the login reply is not complete until its mark.
        #expect(bot.received("You become g.\r\n", now: 100.02, statistics: &statistics) == .none)
        #expect(!bot.isLoggedIn)
        _ = bot.receivedMark(now: 100.03, statistics: &statistics)
        #expect(bot.isLoggedIn && statistics.total.replies == 1 && statistics.total.markedReplies == 1)
        #expect(bot.tick(due: 101, now: 101, login: false, statistics: &statistics, using: &generator)
            == .send(["idle", "look"]))
        // Another player's speech, then the silent line's mark: neither ends the look.
        _ = bot.received("Bob says, \"Limbo is not available\"\r\n", now: 101.01, statistics: &statistics)
        _ = bot.receivedMark(now: 101.02, statistics: &statistics)
        #expect(statistics.total.replies == 1)
        _ = bot.received("Limbo(#1)\r\n", now: 101.03, statistics: &statistics)
        _ = bot.receivedMark(now: 101.04, statistics: &statistics)
        #expect(statistics.total.replies == 2 && statistics.total.markedReplies == 2)
        let trips = statistics.totalLatency.roundTrip
        #expect(trips.valuesAreEquivalent(trips.max, 40_000))
        // A mark ends only text since the last mark: the speech before the idle's mark was not the look's.
        #expect(statistics.total.rejected == 0)
    }

    @Test func aMarkedProbeReadsItsEchoAndAStrayMarkEndsNothing() throws {
        var bot = DummyRunnerModelTests.probeBot()
        var statistics = RunStatistics()
        var generator = SeededGenerator(seed: 1)
        bot.logIn(statistics: &statistics, generator: &generator, marked: true)
        #expect(bot.isLoggedIn && statistics.total.markedReplies == 1)
        #expect(bot.tick(due: 101, now: 101, login: false, statistics: &statistics, using: &generator)
            == .send(["dummyrunner_echo_response 101.000000"]))
        _ = bot.received("Bob arrives.\r\ndummyrunner_echo_response:101.000000,101.020000\r\n", now: 101.05,
                         statistics: &statistics)
        #expect(statistics.totalLatency.lagTotal.totalCount == 0)
        _ = bot.receivedMark(now: 101.05, statistics: &statistics)
        let book = statistics.totalLatency
        #expect(book.lagTotal.totalCount == 1 && book.lagTotal.valuesAreEquivalent(book.lagTotal.max, 50_000))
        // A mark with nothing in flight changes nothing; the next probe still waits for its own.
        _ = bot.receivedMark(now: 101.5, statistics: &statistics)
        #expect(statistics.total.replies == 2)
    }
}

extension [TelnetScanner.Piece] {
    /// The pieces with adjacent texts joined (a cut inside text splits it in two).
    var joinedTexts: [TelnetScanner.Piece] {
        var result: [TelnetScanner.Piece] = []
        for piece in self {
            if case .text(let more) = piece, case .text(let text)? = result.last {
                result[result.count - 1] = .text(text + more)
            } else {
                result.append(piece)
            }
        }
        return result
    }
}

extension TelnetScanner {
    /// The pieces of `bytes` read in one go by a new scanner.
    fileprivate func scanned(_ bytes: [UInt8]) -> [Piece] {
        var scanner = self
        return scanner.scan(bytes)
    }
}

/// A connection that notes what it was asked to send.
private final class RecordingConnection: SessionConnection, @unchecked Sendable {
    var sent: [String] = []

    func sendLine(_ text: String, endingRecord: Bool) {
        sent.append(text + (endingRecord ? "+EOR" : ""))
    }

    func sendEndOfRecord() { sent.append("EOR") }
    func flush() { sent.append("flush") }
    func setPasswordMode(_ on: Bool) { sent.append(on ? "echo on" : "echo off") }
    func close() { sent.append("close") }
}

/// A raw telnet client that counts end-of-record marks and splits its text at them.
private final class MarkClient {
    private let fd: Int32
    private var bytes: [UInt8] = []
    private var scanner = TelnetScanner()
    /// Text since the last mark.
    private(set) var text = ""
    /// Texts the marks closed, oldest first, not yet taken.
    private var closed: [String] = []
    /// Marks received.
    private(set) var marks = 0
    /// Whether the server said WILL EOR (and not WONT since).
    private(set) var agreed = false

    init(port: Int) throws { fd = try connectLoopback(port: port) }
    deinit { Glibc.close(fd) }

    func send(raw: [UInt8]) { sendAll(fd, raw) }

    /// Reads until `done` holds (10 s at most).
    func read(until done: (MarkClient) -> Bool) throws {
        let deadline = Date().addingTimeInterval(10)
        while !done(self) {
            guard deadline.timeIntervalSinceNow > 0, let more = receiveSome(fd, waiting: 0.2) else {
                throw ClientError(description: "gave up with \(marks) marks; text: \(text.suffix(300))")
            }
            for piece in scanner.scan(more) {
                switch piece {
                case .text(let bytes): text += String(decoding: bytes, as: UTF8.self)
                case .endOfRecord:
                    marks += 1
                    closed.append(text)
                    text = ""
                case .marksReplies(let on): agreed = on
                }
            }
        }
    }

    /// The texts the next `count` marks close.
    func replies(_ count: Int) throws -> [String] {
        try read { $0.closed.count >= count }
        defer { closed.removeFirst(count) }
        return Array(closed.prefix(count))
    }

    /// Sends a line and returns the text its mark closes.
    @discardableResult
    func command(_ line: String) throws -> String {
        send(raw: Array((line + "\r\n").utf8))
        return try replies(1)[0]
    }
}
