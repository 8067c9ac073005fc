// libFuzzer entry for the telnet decoder and the command parser (built by Fuzz/Telnet/fuzz-telnet.sh).
// Checks: no crash, byte-by-byte feeding equals one-shot feeding, every decoded line parses.

@_cdecl("LLVMFuzzerTestOneInput")
public func telnetFuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var whole = TelnetDecoder(maxLineBytes: 64)
    let expected = whole.feed(bytes)
    var single = TelnetDecoder(maxLineBytes: 64)
    var events: [TelnetEvent] = []
    for byte in bytes { events += single.feed(CollectionOfOne(byte)) }
    precondition(events == expected, "chunking changed the decoder's events")
    for case .line(let text) in expected {
        if let parsed = CommandParser.parse(text) {
            precondition(!parsed.key.isEmpty, "empty command key")
            precondition(parsed.rhs == nil || parsed.args.contains("="), "rhs without =")
        }
    }
    return 0
}
