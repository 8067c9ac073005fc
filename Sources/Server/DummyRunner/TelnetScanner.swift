/// Splits server output into what a bot needs (RFC 854): text with telnet commands removed,
/// end-of-record marks (RFC 885), and the server's answer about sending them. It keeps its place
/// from one read to the next (`TelnetFramer`), so a command cut between two reads is seen once.
struct TelnetScanner: Sendable {
    /// One part of the output, in the order it came.
    enum Piece: Equatable, Sendable {
        /// Text (IAC IAC is a literal 0xFF).
        case text([UInt8])
        /// IAC EOR: the output of one input line is complete.
        case endOfRecord
        /// The server will (WILL EOR) or will not (WONT EOR) mark the end of each line's output.
        case marksReplies(Bool)
    }

    private var framer = TelnetFramer()

    /// The pieces `bytes` completes, continuing from the last call.
    mutating func scan(_ bytes: some Collection<UInt8>) -> [Piece] {
        // Most reads are plain text with no command in them: one copy, no byte-by-byte pass.
        if framer.atData, !bytes.contains(TelnetCode.iac) { return bytes.isEmpty ? [] : [.text(Array(bytes))] }
        var pieces: [Piece] = []
        var text: [UInt8] = []
        func add(_ piece: Piece) {
            if !text.isEmpty { pieces.append(.text(text)) }
            text.removeAll()
            pieces.append(piece)
        }
        for byte in bytes {
            switch framer.step(byte) {
            case .data(let byte): text.append(byte)
            case .command(TelnetCode.eor): add(.endOfRecord)
            case .option(TelnetCode.will, TelnetCode.endOfRecord): add(.marksReplies(true))
            case .option(TelnetCode.wont, TelnetCode.endOfRecord): add(.marksReplies(false))
            default: break
            }
        }
        if !text.isEmpty { pieces.append(.text(text)) }
        return pieces
    }
}
