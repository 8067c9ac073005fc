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
    /// Ends the output queued here for `connection`: `action` runs once it is all written, and with
    /// `marked` an end-of-record mark (telnet EOR) follows it. Both ride on its last line when they
    /// can (one search, one write), else each is a delivery of its own.
    mutating func endReply(to connection: any SessionConnection, then action: (@Sendable () -> Void)?, marked: Bool) {
        guard action != nil || marked else { return }
        var action = action
        var marked = marked
        if let last = lastIndex(where: { if case .line(let to, _, _, _) = $0 { to === connection } else { false } }),
           case .line(let to, let text, let endingRecord, let then) = self[last]
        {
            let takesAction = action != nil && then == nil
            let takesMark = marked && !endingRecord
            self[last] = .line(to, text, endingRecord: endingRecord || takesMark, then: takesAction ? action : then)
            if takesAction { action = nil }
            if takesMark { marked = false }
        }
        if let action { append(.afterWritten(connection, action)) }
        if marked { append(.endOfRecord(connection)) }
    }
}
