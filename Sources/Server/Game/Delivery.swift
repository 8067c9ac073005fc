/// One thing to do on a connection once its command's changes are committed.
enum Delivery {
    /// Queue a line of text (telnet-encoded on the way out, the line ending added), and after it
    /// an end-of-record mark if `endingRecord`.
    case line(any SessionConnection, String, endingRecord: Bool = false)
    /// Queue an end-of-record mark alone (an input line whose output went out earlier, or was none).
    case endOfRecord(any SessionConnection)
    /// Switch password mode (echo off) on or off.
    case passwordMode(any SessionConnection, Bool)
    /// Close the connection.
    case close(any SessionConnection)
    /// Run an action once the output before it is handed to its connections, before it is flushed
    /// (a command's latency ends).
    case handedOver(@Sendable () -> Void)

    /// Performs it; returns the connection it queued output on, which the caller flushes.
    func perform() -> (any SessionConnection)? {
        switch self {
        case .line(let connection, let text, let endingRecord):
            connection.sendLine(text, endingRecord: endingRecord)
            return connection
        case .endOfRecord(let connection):
            connection.sendEndOfRecord()
            return connection
        case .passwordMode(let connection, let on): connection.setPasswordMode(on)
        case .close(let connection): connection.close()
        case .handedOver(let action): action()
        }
        return nil
    }
}

extension [Delivery] {
    /// Ends the output queued here for `connection`: with `marked` an end-of-record mark (telnet
    /// EOR) follows it, on its last line when there is one (one write), else on its own; `action`
    /// runs once it is all handed over.
    mutating func endReply(to connection: any SessionConnection, then action: (@Sendable () -> Void)?, marked: Bool) {
        if marked {
            if let last = lastIndex(where: { if case .line(let to, _, _) = $0 { to === connection } else { false } }),
               case .line(let to, let text, false) = self[last]
            {
                self[last] = .line(to, text, endingRecord: true)
            } else {
                append(.endOfRecord(connection))
            }
        }
        if let action { append(.handedOver(action)) }
    }

    /// Performs each in order, then flushes every connection that had output queued, once. A crowd
    /// (more connections than the first and `crowdSize` others: a broadcast) is handed to
    /// `deferred` instead, when given, to be flushed when the burst ends; the first connection, the
    /// one a command's reply goes to, is flushed at once.
    func performAndFlush(deferringCrowdsTo deferred: DeferredFlushes? = nil) {
        // A command's output usually goes to one connection, which needs no list; a few more are
        // found by a scan, and a broadcast to a crowd switches to a set.
        var first: (any SessionConnection)?
        var others: [any SessionConnection] = []
        var seen: Set<ObjectIdentifier> = []
        for delivery in self {
            guard let connection = delivery.perform() else { continue }
            guard let known = first else {
                first = connection
                continue
            }
            if known === connection { continue }
            if others.count < crowdSize {
                if others.contains(where: { $0 === connection }) { continue }
            } else if !seen.insert(ObjectIdentifier(connection)).inserted {
                continue
            }
            others.append(connection)
            if others.count == crowdSize { seen = Set(others.map { ObjectIdentifier($0) }) }
        }
        first?.flush()
        if let deferred, others.count > crowdSize {
            for connection in others { deferred.add(connection) }
        } else {
            for connection in others { connection.flush() }
        }
    }

    /// Connections besides the first that are flushed at once; past this many, output is a crowd's.
    private var crowdSize: Int { 8 }
}
