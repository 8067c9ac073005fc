/// Encodes server text for a telnet client (RFC 854: NVT line endings, 0xFF doubled).
enum TelnetEncoder {
    /// UTF-8 bytes of `text` with every line ending sent as CR LF and IAC escaped as IAC IAC.
    static func encode(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 8)
        var previous: UInt8 = 0
        for byte in text.utf8 {
            switch byte {
            case 0x0A:
                if previous != 0x0D { out.append(0x0D) }
                out.append(0x0A)
            case TelnetCode.iac:
                out.append(TelnetCode.iac)
                out.append(TelnetCode.iac)
            default:
                out.append(byte)
            }
            previous = byte
        }
        return out
    }
}
