import TestSupport
import Testing
@testable import ProfileKit

/// A seeded mutation fuzzer for the admin request path: valid lines are mutated (bit flips, special
/// bytes, insertions, deletions, duplications, splices, floods past the line limit, invalid UTF-8),
/// fed in random chunks, and checked against a line-splitting reference.
@Suite("Admin protocol fuzzing")
struct AdminProtocolFuzzTests {
    static let maxLineLength = 256
    static let seed: UInt64 = 0x6D75_6473_636F_7065  // "mudscope"
    static let requestInputs = 20_000
    static let serverInputs = 3_000

    static let corpus: [[UInt8]] = {
        var lines: [[UInt8]] = [
            AdminRequest(id: 1, kind: .subscribe(intervalSeconds: 1)).encodedLine(),
            AdminRequest(id: 2, kind: .subscribe(intervalSeconds: 5, sessions: true)).encodedLine(),
            AdminRequest(id: 22, kind: .unsubscribe).encodedLine(),
            AdminRequest(id: 333, kind: .history(from: 1_764_000_000, to: 1_764_003_600)).encodedLine(),
            AdminRequest(id: -4, kind: .history(from: nil, to: 5)).encodedLine(),
            Array("{\"id\":5,\"type\":\"subscribe\",\"interval\":1e0}\r\n".utf8),
            Array("{ \"type\" : \"command\" , \"id\" : 6 , \"command\" : \"profiler_start\" }\n".utf8),
            Array("{\"id\":7,\"type\":\"history\",\"from\":null}\n".utf8),
        ]
        lines += AdminCommand.allCases.map { AdminRequest(id: 9, kind: .command($0)).encodedLine() }
        return lines
    }()

    static let specialBytes: [UInt8] = Array("{}[]\":,\\\n\r 0-.eEtfn".utf8) + [0x00, 0x7F, 0x80, 0xC3, 0xFF]

    static func mutate(_ input: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &rng)
            switch Int.random(in: 0..<8, using: &rng) {
            case 0 where !bytes.isEmpty:
                bytes[position] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &rng)
            case 1 where !bytes.isEmpty:
                bytes[position] = specialBytes.randomElement(using: &rng)!
            case 2:
                bytes.insert(contentsOf: (0..<Int.random(in: 1...8, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) },
                             at: position)
            case 3 where !bytes.isEmpty:
                bytes.removeSubrange(position..<min(bytes.count, position + Int.random(in: 1...16, using: &rng)))
            case 4 where !bytes.isEmpty:
                let end = min(bytes.count, position + Int.random(in: 1...32, using: &rng))
                bytes.insert(contentsOf: Array(bytes[position..<end]), at: position)
            case 5:
                bytes.insert(contentsOf: corpus.randomElement(using: &rng)!, at: position)
            case 6:
                // A flood past the line limit, with or without a newline after it.
                let flood = [UInt8](repeating: specialBytes.randomElement(using: &rng)!,
                                    count: Int.random(in: maxLineLength - 2...maxLineLength * 4, using: &rng))
                bytes.insert(contentsOf: flood, at: position)
            default:
                bytes.insert(UInt8(ascii: "\n"), at: position)
            }
        }
        return bytes
    }

    /// What the reader must produce for `stream`: one entry per non-empty line, `nil` for too long.
    static func referenceLines(_ stream: [UInt8]) -> [[UInt8]?] {
        var segments = stream.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
        let tail = segments.removeLast()
        var lines = segments.compactMap { segment -> [UInt8]?? in
            var line = segment
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            if line.isEmpty { return .none }
            return .some(line.count > maxLineLength ? nil : line)
        }
        // An unfinished line is reported as too long as soon as it passes the limit (plus the one
        // byte of slack for a carriage return).
        if tail.count > maxLineLength + 1 || tail.count == maxLineLength + 1 && tail.last != UInt8(ascii: "\r") {
            lines.append(nil)
        }
        return lines
    }

    @Test("20,000 mutated request streams in random chunks: bounded memory, reference framing, stable parses")
    func requestStreams() throws {
        var rng = SplitMix64(seed: Self.seed)
        var accepted = 0, refused = 0, tooLong = 0
        for _ in 0..<Self.requestInputs {
            var stream: [UInt8] = []
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                stream += Self.mutate(Self.corpus.randomElement(using: &rng)!, &rng)
            }
            var reader = AdminRequestReader(maxLineLength: Self.maxLineLength)
            var results: [Result<AdminRequest, AdminProtocolError>] = []
            var start = 0
            while start < stream.count {
                let end = min(stream.count, start + Int.random(in: 1...64, using: &rng))
                results += reader.feed(stream[start..<end])
                #expect(reader.bufferedByteCount <= Self.maxLineLength + 1)
                start = end
            }
            let expected = Self.referenceLines(stream)
            try #require(results.count == expected.count, "stream \(stream)")
            for (result, line) in zip(results, expected) {
                switch (result, line) {
                case (.failure(let error), nil):
                    #expect(error.code == .lineTooLong)
                    tooLong += 1
                case (let result, let line?):
                    #expect(result == Result { () throws(AdminProtocolError) in try AdminRequest.parse(line: line) })
                    switch result {
                    case .success(let request):
                        accepted += 1
                        #expect(try AdminRequest.parse(line: request.encodedLine().dropLast()) == request)
                    case .failure(let error):
                        refused += 1
                        #expect(error.code != .lineTooLong)
                    }
                default:
                    Issue.record("result \(result) for line \(String(describing: line))")
                }
            }
        }
        // The mix must exercise all three outcomes, or the fuzzer tests nothing.
        #expect(accepted > 1_000 && refused > 1_000 && tooLong > 1_000, "\(accepted) \(refused) \(tooLong)")
    }

    @Test("3,000 mutated server lines never crash the client parser and re-encode stably")
    func serverLines() throws {
        var rng = SplitMix64(seed: Self.seed ^ 1)
        let hello = AdminServerMessage.hello(AdminHello(server: MetricsFixtures.identity)).encodedLine().dropLast()
        let result = AdminServerMessage.result(id: 3, AdminCommandResult(command: .profilerDump, message: "ok", path: "/p"))
            .encodedLine().dropLast()
        var withSessions = MetricsFixtures.busySnapshot
        withSessions.sessionList = SessionListJSONTests.list  // the 1.1 field
        let snapshot = AdminServerMessage.snapshot(id: 4, withSessions).encodedLine().dropLast()
        var parsed = 0
        for _ in 0..<Self.serverInputs {
            let line = Self.mutate(Array([hello, result, snapshot].randomElement(using: &rng)!), &rng)
            if let message = try? AdminServerMessage.parse(line: line) {
                parsed += 1
                #expect(try AdminServerMessage.parse(line: message.encodedLine().dropLast()) == message)
            }
        }
        #expect(parsed > 100, "\(parsed)")
    }
}
