/// What the telnet decoder found in the input stream.
enum TelnetEvent: Equatable, Sendable {
    /// A complete input line, UTF-8 decoded with replacement, control characters removed.
    case line(String)
    /// A line longer than the cap was discarded (the cap in bytes).
    case lineTooLong(limit: Int)
    /// Bytes the server must send back (option negotiation replies).
    case reply([UInt8])
    /// The client's window size (NAWS).
    case windowSize(width: Int, height: Int)
    /// The client's terminal type (TTYPE IS).
    case terminalType(String)
    /// The client asked for (DO) or declined (DONT) end-of-record marks after each line's output.
    case endOfRecord(on: Bool)
}
