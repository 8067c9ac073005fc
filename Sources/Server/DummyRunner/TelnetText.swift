/// The text of server output with telnet commands (RFC 854) removed, for the bots.
enum TelnetText {
    /// `bytes` without IAC commands, option negotiations and subnegotiations; IAC IAC becomes 0xFF.
    static func visible(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var iterator = bytes.makeIterator()
        var inSubnegotiation = false
        while let byte = iterator.next() {
            guard byte == TelnetCode.iac else {
                if !inSubnegotiation { result.append(byte) }
                continue
            }
            guard let verb = iterator.next() else { break }
            switch verb {
            case TelnetCode.iac where !inSubnegotiation: result.append(verb)
            case TelnetCode.sb: inSubnegotiation = true
            case TelnetCode.se: inSubnegotiation = false
            case TelnetCode.will, TelnetCode.wont, TelnetCode.do, TelnetCode.dont: _ = iterator.next()
            default: break
            }
        }
        return result
    }
}
