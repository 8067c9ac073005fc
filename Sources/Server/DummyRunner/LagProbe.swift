/// The lag maths of one `dummyrunner_echo_response` probe (Evennia's measure-lag command).
///
/// The bot sends its send time TS; the server answers `dummyrunner_echo_response:TS,NOW` with NOW
/// its own receive time. Both clocks are this machine's, since the target is loopback.
struct LagProbe: Equatable, Sendable {
    /// Seconds from sending to reading the answer.
    let total: Double
    /// Seconds from sending to the server running the command.
    let inbound: Double
    /// Seconds from the server running the command to the bot reading the answer.
    let outbound: Double

    /// The reply prefix the server uses.
    static let marker = "dummyrunner_echo_response:"

    /// The lags in `text` (any server output holding an echo reply) read at `receivedAt`.
    ///
    /// Evennia answers `dummyrunner_echo_response: TS,NOW` followed by an ANSI reset (its command
    /// echoes its arguments with their leading space), so each number is read as the longest run of
    /// number characters after optional spaces, as Python's `float()` after `strip_ansi` does.
    static func parse(_ text: Substring, receivedAt: Double) -> LagProbe? {
        guard let range = text.range(of: marker) else { return nil }
        let rest = text[range.upperBound...].prefix { !$0.isNewline }
        let parts = rest.split(separator: ",", maxSplits: 1)
        guard parts.count == 2, let sent = number(parts[0]), let serverTime = number(parts[1]) else { return nil }
        return LagProbe(total: receivedAt - sent, inbound: serverTime - sent, outbound: receivedAt - serverTime)
    }

    /// The number at the start of `field` after spaces; nil if the field holds anything else but a
    /// trailing ANSI escape sequence and spaces.
    private static func number(_ field: Substring) -> Double? {
        let trimmed = field.drop { $0 == " " }
        let digits = trimmed.prefix { $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+" || $0 == "e" || $0 == "E") }
        var tail = trimmed[digits.endIndex...].drop { $0 == " " }
        while tail.first == "\u{1B}" {
            // CSI: ESC [ parameters, ending with a letter.
            tail = tail.dropFirst()
            guard tail.first == "[" else { return nil }
            tail = tail.dropFirst().drop { !$0.isLetter }
            guard !tail.isEmpty else { return nil }
            tail = tail.dropFirst().drop { $0 == " " }
        }
        guard tail.isEmpty else { return nil }
        return Double(digits)
    }
}
