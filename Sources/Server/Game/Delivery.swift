/// One thing to do on a connection once its command's changes are committed.
enum Delivery {
    /// Send text (telnet-encoded on the way out).
    case text(any SessionConnection, String)
    /// Switch password mode (echo off) on or off.
    case passwordMode(any SessionConnection, Bool)
    /// Close the connection.
    case close(any SessionConnection)
    /// Run once everything queued before it was handed to the network (a command's latency ends).
    case afterReplies(() -> Void)

    /// Performs it.
    func perform() {
        switch self {
        case .text(let connection, let text): connection.send(TelnetEncoder.encode(text))
        case .passwordMode(let connection, let on): connection.setPasswordMode(on)
        case .close(let connection): connection.close()
        case .afterReplies(let action): action()
        }
    }
}
