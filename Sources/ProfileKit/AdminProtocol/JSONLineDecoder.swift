/// Splits a byte stream into lines (JSON Lines, jsonlines.org) however it is chunked, holding at
/// most `maxLineLength` bytes: a longer line is reported once as `tooLong` and skipped to its
/// newline, so a peer cannot make the reader grow without bound (one byte of slack holds a `\r`).
///
/// `\n` ends a line; a `\r` before it is dropped; empty lines are skipped. Sans-IO: the caller
/// feeds whatever bytes arrived and acts on the events.
public struct JSONLineDecoder: Sendable {
    /// The longest line kept, in bytes, without its newline.
    public let maxLineLength: Int
    private var buffer: [UInt8] = []
    private var skipping = false

    /// What feeding bytes produced.
    public enum Event: Sendable, Equatable {
        /// A complete line, without its newline.
        case line([UInt8])
        /// A line passed `maxLineLength`; it is being skipped up to its newline.
        case tooLong
    }

    /// A decoder that keeps lines of up to `maxLineLength` (at least 1) bytes.
    public init(maxLineLength: Int) {
        precondition(maxLineLength > 0, "a line limit must be positive")
        self.maxLineLength = maxLineLength
    }

    /// Bytes held for an unfinished line: at most `maxLineLength`, plus one for a `\r` awaiting its `\n`.
    public var bufferedByteCount: Int { buffer.count }

    /// Takes the next bytes of the stream and returns the events they complete, in order.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [Event] {
        var events: [Event] = []
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                if skipping {
                    skipping = false
                } else {
                    if buffer.last == UInt8(ascii: "\r") { buffer.removeLast() }
                    if !buffer.isEmpty { events.append(.line(buffer)) }
                }
                buffer.removeAll(keepingCapacity: true)
            } else if !skipping {
                // One byte of slack for a `\r` that the newline will drop.
                if buffer.count == maxLineLength && byte != UInt8(ascii: "\r") || buffer.count > maxLineLength {
                    skipping = true
                    buffer.removeAll(keepingCapacity: false)
                    events.append(.tooLong)
                } else {
                    buffer.append(byte)
                }
            }
        }
        return events
    }

    /// Ends the stream: an unfinished line is returned as a last line (JSON Lines allows the last
    /// newline to be missing), unless it was being skipped.
    public mutating func finish() -> Event? {
        defer {
            buffer.removeAll()
            skipping = false
        }
        if skipping || buffer.isEmpty { return nil }
        if buffer.last == UInt8(ascii: "\r") { buffer.removeLast() }
        return buffer.isEmpty ? nil : .line(buffer)
    }
}
