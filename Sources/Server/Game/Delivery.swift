/// One thing to do on a connection once its command's changes are committed.
enum Delivery {
    /// Send a line of text (telnet-encoded on the way out, the line ending added), then run `then`
    /// once it is written to the socket.
    case line(any SessionConnection, String, then: (@Sendable () -> Void)? = nil)
    /// Switch password mode (echo off) on or off.
    case passwordMode(any SessionConnection, Bool)
    /// Close the connection.
    case close(any SessionConnection)
    /// Run an action once what was sent before it is written to the socket (a command's latency ends).
    case afterWritten(any SessionConnection, @Sendable () -> Void)

    /// Performs it.
    func perform() {
        switch self {
        case .line(let connection, let text, let then): connection.sendLine(text, then: then)
        case .passwordMode(let connection, let on): connection.setPasswordMode(on)
        case .close(let connection): connection.close()
        case .afterWritten(let connection, let action): connection.afterWritten(action)
        }
    }
}

extension [Delivery] {
    /// Runs `action` once everything queued here for `connection` is written: on its last line,
    /// or as a delivery of its own when there is none.
    mutating func afterWritten(to connection: any SessionConnection, _ action: @escaping @Sendable () -> Void) {
        if let last = lastIndex(where: { if case .line(let to, _, _) = $0 { to === connection } else { false } }),
           case .line(let to, let text, nil) = self[last]
        {
            self[last] = .line(to, text, then: action)
        } else {
            append(.afterWritten(connection, action))
        }
    }
}
