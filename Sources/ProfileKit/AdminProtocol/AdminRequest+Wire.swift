extension AdminRequest {
    /// Reads one request line (without its newline).
    ///
    /// Throws `malformed_json` for text that is not JSON, `invalid_request` for JSON that is not a
    /// request object or lacks an integer `id`, `unknown_type` and `unknown_command` for names this
    /// server does not know; every error but the first two carries the request's `id`.
    public static func parse(line: some Collection<UInt8>) throws(AdminProtocolError) -> AdminRequest {
        let fields = try AdminWire.decode(RequestLine.self, from: line)
        guard let id = fields.id else {
            throw AdminProtocolError(code: .invalidRequest, message: "field 'id' is missing")
        }
        func invalid(_ message: String) -> AdminProtocolError {
            AdminProtocolError(code: .invalidRequest, message: message, requestID: id)
        }
        guard let type = fields.type else { throw invalid("field 'type' is missing") }
        switch type {
        case "subscribe":
            let interval = fields.interval ?? 1
            guard interval.rounded() == interval, interval >= 1, interval <= Double(longestInterval) else {
                throw invalid("field 'interval' must be a whole number of seconds from 1 to \(longestInterval)")
            }
            return AdminRequest(id: id, kind: .subscribe(intervalSeconds: Int(interval), sessions: fields.sessions ?? false))
        case "unsubscribe":
            return AdminRequest(id: id, kind: .unsubscribe)
        case "history":
            for bound in [fields.from, fields.to] {
                if let bound, !bound.isFinite { throw invalid("fields 'from' and 'to' must be finite") }
            }
            if let from = fields.from, let to = fields.to, from > to {
                throw invalid("field 'from' is after field 'to'")
            }
            return AdminRequest(id: id, kind: .history(from: fields.from, to: fields.to))
        case "command":
            guard let name = fields.command else { throw invalid("field 'command' is missing") }
            guard let command = AdminCommand(rawValue: name) else {
                throw AdminProtocolError(code: .unknownCommand, message: "unknown command '\(Self.clip(name))'",
                                         requestID: id)
            }
            return AdminRequest(id: id, kind: .command(command))
        default:
            throw AdminProtocolError(code: .unknownType, message: "unknown request type '\(Self.clip(type))'",
                                     requestID: id)
        }
    }

    /// The request as one line, newline included.
    public func encodedLine() -> [UInt8] {
        var fields = RequestLine(id: id)
        switch kind {
        case .subscribe(let interval, let sessions):
            fields.type = "subscribe"
            fields.interval = Double(interval)
            // Sent only when asked for, so a plain subscription's line is the same as in 1.0.
            fields.sessions = sessions ? true : nil
        case .unsubscribe:
            fields.type = "unsubscribe"
        case .history(let from, let to):
            fields.type = "history"
            fields.from = from
            fields.to = to
        case .command(let command):
            fields.type = "command"
            fields.command = command.rawValue
        }
        // A RequestLine holds only strings, integers and finite-or-tagged doubles: encoding cannot fail.
        return (try? AdminWire.line(fields)) ?? Array("{}\n".utf8)
    }

    /// A name from the peer, shortened for an error message so an error line stays small.
    static func clip(_ text: String) -> String {
        text.count <= 64 ? text : String(text.prefix(64)) + "..."
    }
}
