/// RFC 854 framing, one byte at a time: says what each byte of a telnet stream is, for the
/// server's decoder and the bots' scanner alike. It keeps no payload, only where it is.
struct TelnetFramer: Sendable {
    /// What a byte turned out to be.
    enum Token: Equatable, Sendable {
        /// A data byte (IAC IAC gives one 0xFF).
        case data(UInt8)
        /// The first byte of a two-byte command, or the verb of an option; nothing yet.
        case pending
        /// IAC and a command with no option (NOP, GA, EOR, AYT, ...).
        case command(UInt8)
        /// IAC WILL/WONT/DO/DONT and its option.
        case option(verb: UInt8, option: UInt8)
        /// IAC SB: a subnegotiation starts.
        case subnegotiationStart
        /// A byte of the subnegotiation (IAC IAC inside it gives one 0xFF).
        case subnegotiationByte(UInt8)
        /// The subnegotiation ended: IAC SE, or IAC and any other command (RFC 855 says to treat
        /// that as the end).
        case subnegotiationEnd
    }

    private enum State: Sendable {
        case data
        case command
        case option(verb: UInt8)
        case subnegotiation
        case subnegotiationCommand
    }

    private var state = State.data

    /// Whether the stream is between commands (a byte that is not IAC will be data).
    var atData: Bool {
        if case .data = state { true } else { false }
    }

    /// Takes one byte.
    mutating func step(_ byte: UInt8) -> Token {
        switch state {
        case .data:
            guard byte == TelnetCode.iac else { return .data(byte) }
            state = .command
            return .pending
        case .command:
            switch byte {
            case TelnetCode.iac:
                state = .data
                return .data(byte)
            case TelnetCode.will, TelnetCode.wont, TelnetCode.do, TelnetCode.dont:
                state = .option(verb: byte)
                return .pending
            case TelnetCode.sb:
                state = .subnegotiation
                return .subnegotiationStart
            default:
                state = .data
                return .command(byte)
            }
        case .option(let verb):
            state = .data
            return .option(verb: verb, option: byte)
        case .subnegotiation:
            guard byte == TelnetCode.iac else { return .subnegotiationByte(byte) }
            state = .subnegotiationCommand
            return .pending
        case .subnegotiationCommand:
            if byte == TelnetCode.iac {
                state = .subnegotiation
                return .subnegotiationByte(byte)
            }
            state = .data
            return .subnegotiationEnd
        }
    }
}
