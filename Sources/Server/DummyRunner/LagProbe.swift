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
    static func parse(_ text: Substring, receivedAt: Double) -> LagProbe? {
        guard let range = text.range(of: marker) else { return nil }
        let rest = text[range.upperBound...].prefix { !$0.isNewline }
        let parts = rest.split(separator: ",")
        guard parts.count == 2, let sent = Double(parts[0]), let serverTime = Double(parts[1]) else { return nil }
        return LagProbe(total: receivedAt - sent, inbound: serverTime - sent, outbound: receivedAt - serverTime)
    }
}
