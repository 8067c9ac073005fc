import NIOCore

/// Encodes server text for a telnet client (RFC 854: NVT line endings, 0xFF doubled).
enum TelnetEncoder {
    /// UTF-8 bytes of `text` with every line ending sent as CR LF and IAC escaped as IAC IAC.
    static func encode(_ text: String) -> [UInt8] {
        var buffer = ByteBuffer()
        encode(text, into: &buffer)
        return Array(buffer.readableBytesView)
    }

    /// The most bytes `encode(_:into:endingLine:endingRecord:)` writes for `text`: two for each
    /// byte in (LF to CR LF, IAC to IAC IAC), the line ending and an end-of-record mark.
    static func maximumEncodedBytes(_ text: String) -> Int {
        2 * text.utf8.count + 4
    }

    /// Appends `text`, encoded as `encode(_:)` does, to `buffer`; with `endingLine`, then CR LF
    /// (as if the text ended with a newline); with `endingRecord`, then IAC EOR (RFC 885).
    static func encode(_ text: String, into buffer: inout ByteBuffer, endingLine: Bool = false,
                       endingRecord: Bool = false) {
        let room = maximumEncodedBytes(text)
        var text = text
        text.withUTF8 { bytes in
            _ = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: room) { out in
                var count = 0
                var previous: UInt8 = 0
                for byte in bytes {
                    switch byte {
                    case 0x0A:
                        if previous != 0x0D {
                            out[count] = 0x0D
                            count += 1
                        }
                        out[count] = 0x0A
                    case TelnetCode.iac:
                        out[count] = TelnetCode.iac
                        count += 1
                        out[count] = TelnetCode.iac
                    default:
                        out[count] = byte
                    }
                    count += 1
                    previous = byte
                }
                if endingLine {
                    if previous != 0x0D {
                        out[count] = 0x0D
                        count += 1
                    }
                    out[count] = 0x0A
                    count += 1
                }
                if endingRecord {
                    out[count] = TelnetCode.iac
                    out[count + 1] = TelnetCode.eor
                    count += 2
                }
                return count
            }
        }
    }
}
