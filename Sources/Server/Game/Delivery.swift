/// One thing to do on a connection once its command's changes are committed.
enum Delivery {
    /// Send a line of text (telnet-encoded on the way out, the line ending added), and after it
    /// an end-of-record mark if `endingRecord`; then run `then` once it is written to the socket.
    case line(any SessionConnection, String, endingRecord: Bool = false, then: (@Sendable () -> Void)? = nil)
    /// Send an end-of-record mark alone (an input line whose output went out earlier, or was none).
    case endOfRecord(any SessionConnection)
    /// Switch password mode (echo off) on or off.
    case passwordMode(any SessionConnection, Bool)
    /// Close the connection.
    case close(any SessionConnection)
    /// Run an action once what was sent before it is written to the socket (a command's latency ends).
    case afterWritten(any SessionConnection, @Sendable () -> Void)

    /// Performs it.
    func perform() {
        switch self {
        case .line(let connection, let text, let endingRecord, let then):
            connection.sendLine(text, endingRecord: endingRecord, then: then)
        case .endOfRecord(let connection): connection.sendEndOfRecord()
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
        if let last = lastLine(to: connection), case .line(let to, let text, let endingRecord, nil) = self[last] {
            self[last] = .line(to, text, endingRecord: endingRecord, then: action)
        } else {
            append(.afterWritten(connection, action))
        }
    }

    /// Marks the end of the output queued here for `connection` (telnet EOR): on its last line,
    /// written with it, or as a delivery of its own when there is none.
    mutating func endRecord(to connection: any SessionConnection) {
        if let last = lastLine(to: connection), case .line(let to, let text, false, let then) = self[last] {
            self[last] = .line(to, text, endingRecord: true, then: then)
        } else {
            append(.endOfRecord(connection))
        }
    }

    /// Where the last line queued for `connection` is.
    private func lastLine(to connection: any SessionConnection) -> Int? {
        lastIndex { if case .line(let to, _, _, _) = $0 { to === connection } else { false } }
    }
}
