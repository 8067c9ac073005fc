extension AdminServerMessage {
    /// The message as one line, newline included.
    public func encodedLine() -> [UInt8] {
        var line: ServerLine
        switch self {
        case .hello(let hello):
            line = ServerLine(type: "hello")
            line.protocolVersion = hello.protocolVersion.description
            line.server = hello.server
        case .snapshot(let id, let snapshot):
            line = ServerLine(type: "snapshot", id: id)
            line.snapshot = snapshot
        case .history(let id, let snapshots, let final):
            line = ServerLine(type: "history", id: id)
            line.snapshots = snapshots
            line.final = final
        case .result(let id, let result):
            line = ServerLine(type: "result", id: id)
            line.command = result.command.rawValue
            line.message = result.message
            line.path = result.path
            line.count = result.count
        case .error(let error):
            line = ServerLine(type: "error", id: error.requestID)
            line.code = error.code
            line.message = error.message
        }
        if let bytes = try? AdminWire.line(line) { return bytes }
        // Non-finite numbers are tagged, so only a broken invariant lands here; say so on the wire.
        let fallback = ServerLine.failure(id: line.id)
        return (try? AdminWire.line(fallback)) ?? Array("{\"type\":\"error\"}\n".utf8)
    }

    /// Reads one server line (without its newline); nil for a `type` this client does not know,
    /// which a newer minor version may send and a client must skip.
    public static func parse(line: some Collection<UInt8>) throws(AdminProtocolError) -> AdminServerMessage? {
        let fields = try AdminWire.decode(ServerLine.self, from: line)
        func missing(_ name: String) -> AdminProtocolError {
            AdminProtocolError(code: .invalidRequest, message: "\(fields.type) line lacks field '\(name)'",
                               requestID: fields.id)
        }
        switch fields.type {
        case "hello":
            guard let text = fields.protocolVersion else { throw missing("protocol_version") }
            guard let version = AdminProtocolVersion(text) else {
                throw AdminProtocolError(code: .unsupportedVersion,
                                         message: "protocol version '\(AdminRequest.clip(text))' is not major.minor")
            }
            guard let server = fields.server else { throw missing("server") }
            return .hello(AdminHello(protocolVersion: version, server: server))
        case "snapshot":
            guard let id = fields.id else { throw missing("id") }
            guard let snapshot = fields.snapshot else { throw missing("snapshot") }
            return .snapshot(id: id, snapshot)
        case "history":
            guard let id = fields.id else { throw missing("id") }
            guard let snapshots = fields.snapshots else { throw missing("snapshots") }
            return .history(id: id, snapshots: snapshots, final: fields.final ?? true)
        case "result":
            guard let id = fields.id else { throw missing("id") }
            guard let name = fields.command else { throw missing("command") }
            guard let command = AdminCommand(rawValue: name) else {
                throw AdminProtocolError(code: .unknownCommand, message: "unknown command '\(AdminRequest.clip(name))'",
                                         requestID: id)
            }
            return .result(id: id, AdminCommandResult(command: command, message: fields.message ?? "",
                                                      path: fields.path, count: fields.count))
        case "error":
            guard let code = fields.code else { throw missing("code") }
            return .error(AdminProtocolError(code: code, message: fields.message ?? "", requestID: fields.id))
        default:
            return nil
        }
    }
}

extension ServerLine {
    static func failure(id: Int?) -> ServerLine {
        var line = ServerLine(type: "error", id: id)
        line.code = .commandFailed
        line.message = "the server could not encode its answer"
        return line
    }
}
