/// Telnet command and option bytes (RFC 854 commands; RFC 857 ECHO, RFC 858 SGA, RFC 885 EOR, RFC 1091 TTYPE,
/// RFC 1073 NAWS).
enum TelnetCode {
    /// Interpret As Command.
    static let iac: UInt8 = 255
    /// Refuse to perform an option.
    static let dont: UInt8 = 254
    /// Request the peer to perform an option.
    static let `do`: UInt8 = 253
    /// Refuse to perform an option ourselves.
    static let wont: UInt8 = 252
    /// Offer to perform an option ourselves.
    static let will: UInt8 = 251
    /// Start of subnegotiation.
    static let sb: UInt8 = 250
    /// End of subnegotiation.
    static let se: UInt8 = 240
    /// End of record (RFC 885): sent after the output of each input line, to a client that asked.
    static let eor: UInt8 = 239

    /// Option: the server echoes input (used to hide passwords).
    static let echo: UInt8 = 1
    /// Option: suppress go-ahead.
    static let suppressGoAhead: UInt8 = 3
    /// Option: end-of-record marks (RFC 885).
    static let endOfRecord: UInt8 = 25
    /// Option: terminal type (RFC 1091).
    static let terminalType: UInt8 = 24
    /// Option: negotiate about window size (RFC 1073).
    static let windowSize: UInt8 = 31

    /// TTYPE subnegotiation: "IS" (the client's answer).
    static let ttypeIs: UInt8 = 0
    /// TTYPE subnegotiation: "SEND" (the server's question).
    static let ttypeSend: UInt8 = 1
}
