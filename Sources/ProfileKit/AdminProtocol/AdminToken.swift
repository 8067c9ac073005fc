/// The first line a TCP admin client sends, `{"token":"..."}` (share/doc/admin-protocol.md, "Token"):
/// the proof that it could read the server's 0600 token file.
public enum AdminToken {
    struct Line: Codable {
        var token: String
    }

    /// The token line a client sends, newline included.
    public static func encodedLine(token: String) -> [UInt8] {
        (try? AdminWire.line(Line(token: token))) ?? []
    }

    /// Whether `line` (without its newline) carries exactly `expected`, compared in time that does
    /// not depend on where the two differ. An empty `expected` matches nothing.
    public static func accepts(line: some Collection<UInt8>, expected: String) -> Bool {
        guard !expected.isEmpty, let sent = try? AdminWire.decode(Line.self, from: line) else { return false }
        let a = Array(sent.token.utf8)
        let b = Array(expected.utf8)
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for index in 0..<max(a.count, b.count) {
            difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0)
        }
        return difference == 0
    }

    /// The error a server sends before closing a TCP connection whose first line was not the token.
    public static let refusal = AdminServerMessage.error(
        AdminProtocolError(code: .unauthorized, message: "the first line must be the token from the game's token file"))
}
