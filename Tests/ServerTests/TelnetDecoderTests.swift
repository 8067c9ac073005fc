import NIOCore
import Testing
@testable import Server

@Suite struct TelnetDecoderTests {
    private func lines(_ events: [TelnetEvent]) -> [String] {
        events.compactMap { if case .line(let text) = $0 { text } else { nil } }
    }

    @Test func lineEndingsAllEndOneLine() {
        var decoder = TelnetDecoder()
        let events = decoder.feed(Array("a\r\nb\nc\r\0d\re\r\n\n".utf8))
        #expect(lines(events) == ["a", "b", "c", "d", "e", ""])
    }

    @Test func doubledIACIsALiteralByteAndInvalidUTF8IsReplaced() {
        var decoder = TelnetDecoder()
        let events = decoder.feed([0x68, 0xFF, 0xFF, 0x69, 0xC3, 0x0A] + Array("caf\u{e9}\n".utf8))
        #expect(lines(events) == ["h\u{FFFD}i\u{FFFD}", "caf\u{e9}"])
    }

    @Test func unknownOptionsAreRefusedAndWantedOnesAccepted() {
        var decoder = TelnetDecoder()
        _ = decoder.greeting()
        let events = decoder.feed([255, 251, 31, 255, 251, 99, 255, 253, 42, 255, 253, 3, 255, 251, 24])
        #expect(events == [
            .reply([255, 254, 99]),
            .reply([255, 252, 42]),
            .reply([255, 251, 3]),
            .reply([255, 250, 24, 1, 255, 240]),
        ])
    }

    @Test func unsolicitedWillNAWSIsAgreedOnce() {
        var decoder = TelnetDecoder()
        #expect(decoder.feed([255, 251, 31]) == [.reply([255, 253, 31])])
        #expect(decoder.feed([255, 251, 31]) == [])
        #expect(decoder.feed([255, 252, 31]) == [.reply([255, 254, 31])])
    }

    @Test func subnegotiationsGiveWindowSizeAndTerminalType() {
        var decoder = TelnetDecoder()
        let naws: [UInt8] = [255, 250, 31, 0, 120, 0, 40, 255, 240]
        let ttype: [UInt8] = [255, 250, 24, 0] + Array("XTERM-256COLOR".utf8) + [255, 240]
        let events = decoder.feed(naws + ttype + Array("hi\n".utf8))
        #expect(events == [.windowSize(width: 120, height: 40), .terminalType("XTERM-256COLOR"), .line("hi")])
    }

    @Test func escapedIACInsideSubnegotiation() {
        var decoder = TelnetDecoder()
        #expect(decoder.feed([255, 250, 31, 0, 255, 255, 0, 24, 255, 240]) == [.windowSize(width: 255, height: 24)])
    }

    @Test func longLinesAreDroppedWithOneEvent() {
        var decoder = TelnetDecoder(maxLineBytes: 8)
        let events = decoder.feed(Array("0123456789abcdef\nok\n".utf8))
        #expect(events == [.lineTooLong(limit: 8), .line("ok")])
        #expect(decoder.feed(Array("12345678\n".utf8)) == [.line("12345678")])
    }

    @Test func controlCharactersAreDroppedAndBackspaceApplied() {
        var decoder = TelnetDecoder()
        #expect(lines(decoder.feed(Array("ab\u{8}c\u{1b}[1m\td\n".utf8))) == ["ac[1m d"])
    }

    @Test func serverEchoTogglesOnlyOnChange() {
        var decoder = TelnetDecoder()
        #expect(decoder.setServerEcho(true) == [255, 251, 1])
        #expect(decoder.setServerEcho(true) == [])
        #expect(decoder.feed([255, 253, 1]) == [])
        #expect(decoder.setServerEcho(false) == [255, 252, 1])
        #expect(decoder.feed([255, 253, 1]) == [.reply([255, 252, 1])])
    }

    @Test func everyChunkingGivesTheSameEvents() {
        let sample: [UInt8] = Array("look\r\n".utf8) + [255, 251, 31, 255, 250, 31, 0, 80, 0, 24, 255, 240]
            + Array("say h\u{e9}\r\0".utf8) + [255, 255, 255, 253, 77, 0xC3] + Array("\nx\r".utf8) + [255, 241]
            + Array("\ny\n".utf8)
        var reference = TelnetDecoder(maxLineBytes: 16)
        let expected = reference.feed(sample)
        #expect(expected.count >= 6)
        // Every split into two and three pieces, and byte by byte.
        for first in 0...sample.count {
            for second in first...sample.count {
                var decoder = TelnetDecoder(maxLineBytes: 16)
                var events = decoder.feed(sample[..<first])
                events += decoder.feed(sample[first..<second])
                events += decoder.feed(sample[second...])
                #expect(events == expected, "split at \(first), \(second)")
            }
        }
        var single = TelnetDecoder(maxLineBytes: 16)
        #expect(sample.flatMap { single.feed([$0]) } == expected)
    }

    @Test func encoderSendsCRLF() {
        #expect(TelnetEncoder.encode("a\nb\r\n") == Array("a\r\nb\r\n".utf8))
        #expect(TelnetEncoder.encode("\n\n") == Array("\r\n\r\n".utf8))
        #expect(TelnetEncoder.encode("") == [])
    }

    /// A Swift string is valid UTF-8, so it never holds the byte IAC (0xFF): a raw 0xFF becomes
    /// U+FFFD, and U+00FF is C3 BF.
    @Test func encoderKeepsMultibyteTextAndAppends() {
        let raw = String(unsafeUninitializedCapacity: 3) { buffer in
            buffer[0] = 0x61
            buffer[1] = 0xFF
            buffer[2] = 0x0A
            return 3
        }
        let encoded = TelnetEncoder.encode(raw)
        #expect(encoded == [0x61, 0xEF, 0xBF, 0xBD, 0x0D, 0x0A])
        #expect(TelnetEncoder.encode("Café ÿ\n") == Array("Café ÿ\r\n".utf8))
        var buffer = ByteBuffer(bytes: [0x41])
        TelnetEncoder.encode("b\n", into: &buffer)
        #expect(Array(buffer.readableBytesView) == [0x41, 0x62, 0x0D, 0x0A])
        for (text, line) in [("a", "a\r\n"), ("a\r", "a\r\n"), ("", "\r\n"), ("a\nb", "a\r\nb\r\n")] {
            var ended = ByteBuffer()
            TelnetEncoder.encode(text, into: &ended, endingLine: true)
            #expect(Array(ended.readableBytesView) == Array(line.utf8), "\(text.debugDescription)")
        }
    }
}
