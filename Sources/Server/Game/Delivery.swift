/// One thing to do on a connection once its command's changes are committed.
enum Delivery {
    /// Send text (telnet-encoded on the way out).
    case text(any SessionConnection, String)
    /// Switch password mode (echo off) on or off.
    case passwordMode(any SessionConnection, Bool)
    /// Close the connection.
    case close(any SessionConnection)
    /// Run an action once what was sent before it is written to the socket (a command's latency ends).
    case afterWritten(any SessionConnection, @Sendable () -> Void)

    /// Performs it.
    func perform() {
        switch self {
        case .text(let connection, let text): connection.send(TelnetEncoder.encode(text))
        case .passwordMode(let connection, let on): connection.setPasswordMode(on)
        case .close(let connection): connection.close()
        case .afterWritten(let connection, let action): connection.afterWritten(action)
        }
    }
}
