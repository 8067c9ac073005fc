/// The server's side of one admin connection's input: bytes in, requests or error answers out.
public struct AdminRequestReader: Sendable {
    /// The default longest request line: requests are small, 64 KiB is generous.
    public static let defaultMaxLineLength = 65_536

    private var lines: JSONLineDecoder

    /// A reader that refuses request lines longer than `maxLineLength` bytes.
    public init(maxLineLength: Int = AdminRequestReader.defaultMaxLineLength) {
        lines = JSONLineDecoder(maxLineLength: maxLineLength)
    }

    /// Bytes held for an unfinished line.
    public var bufferedByteCount: Int { lines.bufferedByteCount }

    /// Takes the next bytes from the client; each complete line gives a request or the error to send
    /// back (as `AdminServerMessage.error`). The connection stays usable after an error.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [Result<AdminRequest, AdminProtocolError>] {
        lines.feed(bytes).map(Self.read)
    }

    /// Ends the input: a last line without its newline is still read.
    public mutating func finish() -> Result<AdminRequest, AdminProtocolError>? {
        lines.finish().map(Self.read)
    }

    private static func read(_ event: JSONLineDecoder.Event) -> Result<AdminRequest, AdminProtocolError> {
        switch event {
        case .line(let line):
            return Result { () throws(AdminProtocolError) in try AdminRequest.parse(line: line) }
        case .tooLong:
            return .failure(AdminProtocolError(code: .lineTooLong, message: "request line longer than the limit; skipped"))
        }
    }
}
