// libFuzzer target for the admin protocol (ProfileKit/AdminProtocol): the server's request reader
// and the client's parser of server lines.
//
// Built by `Fuzz/run.sh --admin` with `swiftc -sanitize=fuzzer,address` together with ProfileKit's
// sources, like the profile reader's target. The first byte of an input sets the size of the chunks
// the rest is fed in (1 to 64 bytes). The properties checked, on every input: nothing traps, hangs
// or grows without bound; the reader holds at most one line's worth of bytes, whatever the chunks;
// chunks do not change what it reads; a request that reads encodes to a line that reads back to the
// same request; and a server line that parses encodes to one that parses to the same message.
// Tests/ProfileKitTests/Metrics/AdminProtocolFuzzTests.swift runs a seeded mutation fuzzer on the
// same code under `swift test`, with a reference line splitter.

/// The request reader's line limit here: small, so that inputs reach it.
private let maxLineLength = 256

/// One fuzz input: the request reader, then the server-line parser on the same bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func adminProtocolFuzzInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let chunk = Int(data[0] % 64) + 1
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    checkRequestReader(bytes, chunk: chunk)
    checkServerLines(bytes)
    return 0
}

private func checkRequestReader(_ bytes: [UInt8], chunk: Int) {
    var reader = AdminRequestReader(maxLineLength: maxLineLength)
    var results: [Result<AdminRequest, AdminProtocolError>] = []
    var start = 0
    while start < bytes.count {
        let end = min(bytes.count, start + chunk)
        results += reader.feed(bytes[start..<end])
        check(reader.bufferedByteCount <= maxLineLength + 1,
              "the reader holds \(reader.bufferedByteCount) bytes, past the \(maxLineLength)-byte line limit")
        start = end
    }
    if let last = reader.finish() { results.append(last) }

    var whole = AdminRequestReader(maxLineLength: maxLineLength)
    var inOnePiece = whole.feed(bytes)
    if let last = whole.finish() { inOnePiece.append(last) }
    check(inOnePiece == results, "\(chunk)-byte chunks read differently from the whole input")

    for case .success(let request) in results {
        let line = request.encodedLine()
        check(line.last == UInt8(ascii: "\n"), "an encoded request does not end its line")
        check((try? AdminRequest.parse(line: line.dropLast())) == request, "request \(request) does not read back")
    }
}

private func checkServerLines(_ bytes: [UInt8]) {
    for line in bytes.split(separator: UInt8(ascii: "\n")) {
        guard let message = try? AdminServerMessage.parse(line: line) else { continue }
        let again = message.encodedLine()
        check(again.last == UInt8(ascii: "\n"), "an encoded server line does not end its line")
        check((try? AdminServerMessage.parse(line: again.dropLast())) == message, "server line does not read back")
    }
}
