/// A pure, byte-at-a-time telnet decoder (RFC 854 framing, RFC 1143-style option replies).
///
/// It knows no sockets: feed it bytes in any chunking and it returns the same events. It
/// understands NAWS (RFC 1073) and TTYPE (RFC 1091), agrees to ECHO only when the server offered
/// it and to SGA and EOR (RFC 885) when asked, refuses every other option, ends lines on CR LF, LF,
/// CR NUL or a bare CR, turns IAC IAC into a literal 0xFF, caps lines at `maxLineBytes`, and
/// decodes UTF-8 with replacement. `TelnetFramer` tells it what each byte is.
struct TelnetDecoder: Sendable {
    /// Longest input line kept, in bytes; longer lines are dropped with a `.lineTooLong` event.
    let maxLineBytes: Int
    /// Longest subnegotiation payload kept; the rest is ignored.
    static let maxSubnegotiationBytes = 256

    private var framer = TelnetFramer()
    private var line: [UInt8] = []
    private var overflowed = false
    private var afterCR = false
    private var subnegotiation: [UInt8] = []
    /// Options the peer performs (we sent or agreed to DO).
    private var remoteEnabled: Set<UInt8> = []
    /// Options we asked the peer to perform and are waiting on.
    private var remoteRequested: Set<UInt8> = []
    /// Options we perform (we sent or agreed to WILL).
    private var localEnabled: Set<UInt8> = []

    /// Creates a decoder with the given line cap (4 KiB by default).
    init(maxLineBytes: Int = 4096) {
        self.maxLineBytes = maxLineBytes
    }

    /// The bytes a server sends on connect: ask for NAWS and TTYPE.
    ///
    /// SGA is agreed to when asked but not offered: offering it without ECHO puts BSD telnet in
    /// character mode, where it shows the Enter key as `^M`.
    mutating func greeting() -> [UInt8] {
        remoteRequested.formUnion([TelnetCode.windowSize, TelnetCode.terminalType])
        return [TelnetCode.iac, TelnetCode.do, TelnetCode.windowSize,
                TelnetCode.iac, TelnetCode.do, TelnetCode.terminalType]
    }

    /// Turns server echo on (the client stops echoing: used while a password is typed) or off.
    mutating func setServerEcho(_ on: Bool) -> [UInt8] {
        if on {
            guard !localEnabled.contains(TelnetCode.echo) else { return [] }
            localEnabled.insert(TelnetCode.echo)
            return [TelnetCode.iac, TelnetCode.will, TelnetCode.echo]
        }
        guard localEnabled.contains(TelnetCode.echo) else { return [] }
        localEnabled.remove(TelnetCode.echo)
        return [TelnetCode.iac, TelnetCode.wont, TelnetCode.echo]
    }

    /// Feeds bytes and returns the events they complete, in order.
    mutating func feed<Bytes: Sequence>(_ bytes: Bytes) -> [TelnetEvent] where Bytes.Element == UInt8 {
        var events: [TelnetEvent] = []
        for byte in bytes {
            step(byte, into: &events)
        }
        return events
    }

    /// Advances the state machine by one byte.
    mutating func step(_ byte: UInt8, into events: inout [TelnetEvent]) {
        switch framer.step(byte) {
        case .data(let byte):
            dataByte(byte, into: &events)
        case .pending:
            break
        case .command:
            // NOP, GA, AYT, BRK, IP, EL, EC, DM, EOR and unknown commands are ignored.
            break
        case .option(let verb, let option):
            negotiate(verb: verb, option: option, into: &events)
        case .subnegotiationStart:
            subnegotiation.removeAll(keepingCapacity: true)
        case .subnegotiationByte(let byte):
            appendSubnegotiation(byte)
        case .subnegotiationEnd:
            finishSubnegotiation(into: &events)
        }
    }

    private mutating func dataByte(_ byte: UInt8, into events: inout [TelnetEvent]) {
        let followsCR = afterCR
        afterCR = false
        switch byte {
        case 0x0A, 0x00:
            if !followsCR && byte == 0x0A { endLine(into: &events) }
        case 0x0D:
            endLine(into: &events)
            afterCR = true
        default:
            appendLineByte(byte)
        }
    }

    private mutating func appendLineByte(_ byte: UInt8) {
        guard !overflowed else { return }
        if line.count >= maxLineBytes {
            overflowed = true
            line.removeAll(keepingCapacity: false)
            return
        }
        line.append(byte)
    }

    private mutating func endLine(into events: inout [TelnetEvent]) {
        if overflowed {
            overflowed = false
            events.append(.lineTooLong(limit: maxLineBytes))
            return
        }
        events.append(.line(Self.text(of: line)))
        line.removeAll(keepingCapacity: true)
    }

    /// Decodes a raw line: UTF-8 with replacement, backspace/delete applied, other controls dropped.
    static func text(of bytes: [UInt8]) -> String {
        // Most lines are printable ASCII, which needs no editing.
        if bytes.allSatisfy({ (0x20..<0x7F).contains($0) }) { return String(decoding: bytes, as: UTF8.self) }
        var scalars = String.UnicodeScalarView()
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            switch scalar.value {
            case 0x08, 0x7F:
                if !scalars.isEmpty { scalars.removeLast() }
            case 0x09:
                scalars.append(" ")
            case 0x00..<0x20, 0x80..<0xA0:
                continue
            default:
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    private mutating func appendSubnegotiation(_ byte: UInt8) {
        if subnegotiation.count < Self.maxSubnegotiationBytes { subnegotiation.append(byte) }
    }

    private mutating func negotiate(verb: UInt8, option: UInt8, into events: inout [TelnetEvent]) {
        let wantedRemote: Set<UInt8> = [TelnetCode.windowSize, TelnetCode.terminalType]
        let allowedLocal: Set<UInt8> = [TelnetCode.suppressGoAhead, TelnetCode.endOfRecord]
        switch verb {
        case TelnetCode.will:
            if wantedRemote.contains(option) {
                let asked = remoteRequested.remove(option) != nil
                let wasEnabled = !remoteEnabled.insert(option).inserted
                if !asked && !wasEnabled { events.append(.reply([TelnetCode.iac, TelnetCode.do, option])) }
                if option == TelnetCode.terminalType && !wasEnabled {
                    events.append(.reply([TelnetCode.iac, TelnetCode.sb, TelnetCode.terminalType, TelnetCode.ttypeSend,
                                          TelnetCode.iac, TelnetCode.se]))
                }
            } else {
                events.append(.reply([TelnetCode.iac, TelnetCode.dont, option]))
            }
        case TelnetCode.wont:
            remoteRequested.remove(option)
            if remoteEnabled.remove(option) != nil {
                events.append(.reply([TelnetCode.iac, TelnetCode.dont, option]))
            }
        case TelnetCode.do:
            if localEnabled.contains(option) { return }
            if allowedLocal.contains(option) {
                localEnabled.insert(option)
                events.append(.reply([TelnetCode.iac, TelnetCode.will, option]))
                if option == TelnetCode.endOfRecord { events.append(.endOfRecord(on: true)) }
            } else {
                events.append(.reply([TelnetCode.iac, TelnetCode.wont, option]))
            }
        default:
            if localEnabled.remove(option) != nil {
                events.append(.reply([TelnetCode.iac, TelnetCode.wont, option]))
                if option == TelnetCode.endOfRecord { events.append(.endOfRecord(on: false)) }
            }
        }
    }

    private mutating func finishSubnegotiation(into events: inout [TelnetEvent]) {
        guard let option = subnegotiation.first else { return }
        let payload = subnegotiation.dropFirst()
        switch option {
        case TelnetCode.windowSize where payload.count >= 4:
            let bytes = Array(payload.prefix(4))
            events.append(.windowSize(width: Int(bytes[0]) << 8 | Int(bytes[1]),
                                      height: Int(bytes[2]) << 8 | Int(bytes[3])))
        case TelnetCode.terminalType where payload.first == TelnetCode.ttypeIs:
            events.append(.terminalType(Self.text(of: Array(payload.dropFirst().prefix(64)))))
        default:
            break
        }
    }
}
