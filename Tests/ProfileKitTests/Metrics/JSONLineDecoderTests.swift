import Testing
@testable import ProfileKit

@Suite("JSONLineDecoder")
struct JSONLineDecoderTests {
    static func lines(_ events: [JSONLineDecoder.Event]) -> [String] {
        events.map {
            switch $0 {
            case .line(let bytes): String(decoding: bytes, as: UTF8.self)
            case .tooLong: "<too long>"
            }
        }
    }

    @Test("every way of cutting the stream into two chunks gives the same lines")
    func everySplit() {
        let stream = Array("{\"a\":1}\r\n\n{\"b\":2}\n{\"c\":\"é\"}\n".utf8)
        for cut in 0...stream.count {
            var decoder = JSONLineDecoder(maxLineLength: 64)
            let events = decoder.feed(stream[..<cut]) + decoder.feed(stream[cut...])
            #expect(Self.lines(events) == ["{\"a\":1}", "{\"b\":2}", "{\"c\":\"é\"}"], "cut at \(cut)")
            #expect(decoder.bufferedByteCount == 0)
        }
    }

    @Test("byte-at-a-time feeding gives the same lines")
    func byteAtATime() {
        var decoder = JSONLineDecoder(maxLineLength: 64)
        var events: [JSONLineDecoder.Event] = []
        for byte in "one\ntwo\r\nthree".utf8 { events += decoder.feed([byte]) }
        #expect(Self.lines(events) == ["one", "two"])
        #expect(decoder.finish() == .line(Array("three".utf8)), "the last newline may be missing")
        #expect(decoder.finish() == nil)
    }

    @Test("a line over the limit is reported once, skipped to its newline, and memory stays bounded")
    func oversized() {
        var decoder = JSONLineDecoder(maxLineLength: 8)
        var events = decoder.feed(Array("12345678\n".utf8))
        #expect(Self.lines(events) == ["12345678"], "exactly the limit is fine")
        events = decoder.feed(Array("123456789".utf8))
        #expect(Self.lines(events) == ["<too long>"])
        for _ in 0..<1_000 {
            #expect(decoder.feed([UInt8](repeating: 65, count: 1_000)).isEmpty)
            #expect(decoder.bufferedByteCount <= 9)
        }
        events = decoder.feed(Array("tail\nok\n".utf8))
        #expect(Self.lines(events) == ["ok"], "the decoder resynchronises at the next newline")
        #expect(Self.lines(decoder.feed(Array("12345678\r\n".utf8))) == ["12345678"], "CR is slack, not content")
        #expect(Self.lines(decoder.feed(Array("12345678\rX\n".utf8))) == ["<too long>"])
        _ = decoder.feed(Array("123456789".utf8))
        #expect(decoder.finish() == nil, "an oversized last line is not returned at the end")
    }
}
