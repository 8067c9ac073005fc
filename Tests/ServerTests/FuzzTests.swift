import Foundation
import Testing
import TestSupport
@testable import Server

/// Seeded mutation fuzzing of the pure cores: the telnet decoder, the command parser, and the bots'
/// telnet scanner.
@Suite struct FuzzTests {
    static let iterations = Int(ProcessInfo.processInfo.environment["MUDSCOPE_FUZZ_ITERATIONS"] ?? "") ?? 30_000

    static let seeds: [[UInt8]] = [
        Array("look\r\nsay hello\r\n".utf8),
        [255, 251, 31, 255, 250, 31, 0, 80, 0, 24, 255, 240, 255, 253, 1, 255, 254, 3],
        [255, 250, 24, 0] + Array("xterm".utf8) + [255, 240] + Array("dig/tel A;a = b, c\r\0".utf8),
        Array("set box/attr = x=y\n:waves\n\"hi\n".utf8) + [0xC3, 0x28, 0xFF, 0xFF, 0x0D],
        Array("give lamp to bob\r\nopen n;north, s = #12\n".utf8) + [8, 127, 9, 0],
        // Separators before a combining mark (U+0483): one Character, still two code points (found by
        // Fuzz/Telnet/fuzz-telnet.sh).
        Array("set x/y =".utf8) + [0xD2, 0x83] + Array("z\r\nsay".utf8) + [0xCC, 0x81] + Array(" /".utf8) + [0xCC, 0x81, 13, 10],
    ]

    static let fragments: [[UInt8]] = [
        [255], [255, 255], [255, 250], [255, 240], [255, 251], [255, 252], [255, 253], [255, 254], [255, 239],
        [255, 253, 25], [255, 251, 25],
        [13], [10], [0], [13, 10], [13, 0], Array("=".utf8), Array("/".utf8), Array(";".utf8), Array(",".utf8),
        [0xE2, 0x82], [0xF0, 0x9F, 0x98, 0x80], Array(" to ".utf8), Array("\"".utf8), Array(":".utf8), [0xCC, 0x81],
    ]

    /// `input` changed in 1 to 4 places: a byte changed, inserted or removed, one of `fragments` or
    /// part of one of `seeds` inserted, or the input doubled.
    static func mutate(_ input: [UInt8], _ random: inout SplitMix64, seeds: [[UInt8]] = FuzzTests.seeds,
                       fragments: [[UInt8]] = FuzzTests.fragments) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            let position = bytes.isEmpty ? 0 : Int.random(in: 0...bytes.count, using: &random)
            switch Int.random(in: 0..<6, using: &random) {
            case 0 where !bytes.isEmpty:
                bytes[min(position, bytes.count - 1)] = UInt8.random(in: 0...255, using: &random)
            case 1:
                bytes.insert(UInt8.random(in: 0...255, using: &random), at: position)
            case 2:
                bytes.insert(contentsOf: fragments.randomElement(using: &random) ?? [], at: position)
            case 3 where !bytes.isEmpty:
                let end = min(bytes.count, position + Int.random(in: 1...8, using: &random))
                bytes.removeSubrange(min(position, bytes.count)..<end)
            case 4:
                let other = seeds.randomElement(using: &random) ?? []
                bytes.insert(contentsOf: other.prefix(Int.random(in: 0...other.count, using: &random)), at: position)
            default:
                if bytes.count < 2048, !bytes.isEmpty {
                    bytes.insert(contentsOf: bytes, at: position)
                }
            }
        }
        return Array(bytes.prefix(4096))
    }

    @Test func decoderAndParserSurviveMutatedInput() {
        var random = SplitMix64(seed: 0x4D55_4453_434F_5045)
        var corpus = Self.seeds
        var lines = 0
        for iteration in 0..<Self.iterations {
            let input = Self.mutate(corpus[iteration % corpus.count], &random)
            if iteration % 64 == 0 && corpus.count < 256 { corpus.append(input) }
            var whole = TelnetDecoder(maxLineBytes: 64)
            let expected = whole.feed(input)
            var chunked = TelnetDecoder(maxLineBytes: 64)
            var events: [TelnetEvent] = []
            var offset = 0
            while offset < input.count {
                let size = Int.random(in: 1...16, using: &random)
                events += chunked.feed(input[offset..<min(input.count, offset + size)])
                offset += size
            }
            guard events == expected else {
                Issue.record("chunking changed the events for input \(input)")
                return
            }
            // The same bytes as server output, through a bot's scanner: the chunking changes nothing.
            var wholeScan = TelnetScanner()
            let pieces = wholeScan.scan(input).joinedTexts
            var chunkedScan = TelnetScanner()
            var scanned: [TelnetScanner.Piece] = []
            offset = 0
            while offset < input.count {
                let size = Int.random(in: 1...16, using: &random)
                scanned += chunkedScan.scan(input[offset..<min(input.count, offset + size)])
                offset += size
            }
            guard scanned.joinedTexts == pieces else {
                Issue.record("chunking changed the scanner's pieces for input \(input)")
                return
            }
            for case .line(let text) in expected {
                lines += 1
                guard text.unicodeScalars.count <= 64, let parsed = CommandParser.parse(text) else { continue }
                #expect(!parsed.key.isEmpty && parsed.key == parsed.key.lowercased())
                #expect(parsed.args.first != " " && parsed.args.last != " ")
                // "=" is syntax wherever its byte is, also before a combining mark (one Character).
                if let rhs = parsed.rhs { #expect(parsed.args.utf8.contains(UInt8(ascii: "=")) && !rhs.hasPrefix(" ")) }
            }
        }
        print("fuzz: \(Self.iterations) mutated inputs, \(lines) decoded lines parsed")
        #expect(lines > Self.iterations / 10)
    }

    @Test func theServerAnswersAfterRandomCommands() throws {
        let directory = try makeGameDirectory("fuzzgame") { $0.newAccountPermission = .builder }
        defer { removeGameDirectory(directory) }
        let server = try startServer(directory)
        defer { server.shutdown() }
        let client = try loggedInClient(port: server.port, name: "fuzzer")
        var random = SplitMix64(seed: 7)
        let words = CommandTable.gameCommands.flatMap { [$0.key] + $0.aliases }.filter { $0 != "quit" }
        let arguments = ["", "me", "here", "#1", "#2", "#99999", "box", "a = b", "x/y = z", "= ", "/", "n;north, s = #1",
                         "to", "me = here", "#-1", ";;", "ROOM = in, out"]
        for index in 0..<600 {
            let word = words.randomElement(using: &random) ?? "look"
            let switchPart = Int.random(in: 0..<8, using: &random) == 0 ? "/tel" : ""
            var line = word + switchPart + " " + (arguments.randomElement(using: &random) ?? "")
            if index % 5 == 0 {
                line = String(decoding: Self.mutate(Array(line.utf8), &random).filter { $0 != 13 && $0 != 10 && $0 != 255 },
                              as: UTF8.self)
            }
            client.send(line)
        }
        let echo = try client.command("dummyrunner_echo_response done", expect: "dummyrunner_echo_response:done,",
                                      timeout: 60)
        #expect(!echo.isEmpty)
        let other = try loggedInClient(port: server.port, name: "witness")
        try other.command("look", expect: "Limbo")
    }
}
