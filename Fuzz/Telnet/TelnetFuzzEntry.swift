// libFuzzer entry for the telnet decoder, the command parser and the bots' telnet scanner (built by
// Fuzz/Telnet/fuzz-telnet.sh). Checks: no crash, byte-by-byte feeding equals one-shot feeding (for the
// decoder and the scanner), every decoded line parses. A broken property stops the run with its
// message (`check`, Fuzz/FuzzCheck.swift, compiled in).

@_cdecl("LLVMFuzzerTestOneInput")
public func telnetFuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var whole = TelnetDecoder(maxLineBytes: 64)
    let expected = whole.feed(bytes)
    var single = TelnetDecoder(maxLineBytes: 64)
    var events: [TelnetEvent] = []
    for byte in bytes { events += single.feed(CollectionOfOne(byte)) }
    check(events == expected, "chunking changed the decoder's events")
    for case .line(let text) in expected {
        if let parsed = CommandParser.parse(text) {
            check(!parsed.key.isEmpty, "empty command key")
            // "=" is syntax wherever its byte is, also before a combining mark (one Character).
            check(parsed.rhs == nil || parsed.args.utf8.contains(UInt8(ascii: "=")), "rhs without =")
        }
    }
    var scanner = TelnetScanner()
    let pieces = joinedTexts(scanner.scan(bytes))
    var byByte = TelnetScanner()
    var scanned: [TelnetScanner.Piece] = []
    for byte in bytes { scanned += byByte.scan(CollectionOfOne(byte)) }
    check(joinedTexts(scanned) == pieces, "chunking changed the scanner's pieces")
    return 0
}

/// Pieces with adjacent texts joined (feeding byte by byte cuts text into one piece per byte).
private func joinedTexts(_ pieces: [TelnetScanner.Piece]) -> [TelnetScanner.Piece] {
    var result: [TelnetScanner.Piece] = []
    for piece in pieces {
        if case .text(let more) = piece, case .text(let text)? = result.last {
            result[result.count - 1] = .text(text + more)
        } else {
            result.append(piece)
        }
    }
    return result
}
