/// The connected telnet sessions, as a subscriber that asked for them sees them (admin protocol
/// 1.1, share/doc/admin-protocol.md): the most recently active first, at most `limit` of `total`,
/// so a server with thousands of players sends a bounded line.
public struct SessionList: Codable, Sendable, Equatable {
    /// The most sessions a list carries.
    public static let limit = 200

    /// Sessions connected when the list was taken (the list holds at most `limit` of them).
    public var total: Int
    /// The listed sessions, most recently active (least idle) first.
    public var sessions: [SessionEntry]

    /// A list from its parts.
    public init(total: Int, sessions: [SessionEntry]) {
        self.total = total
        self.sessions = sessions
    }

    /// Whether sessions were left out.
    public var isCapped: Bool { sessions.count < total }
}

/// One connected telnet session.
public struct SessionEntry: Codable, Sendable, Equatable {
    /// The connection number, unique while the server runs.
    public var id: Int
    /// The character played (the account's name without a character); nil before login.
    public var name: String?
    /// The client's IP address.
    public var address: String
    /// Seconds since the session's last input line.
    public var idleSeconds: Double
    /// Commands the session ran (login-screen commands included).
    public var commands: Int
    /// The name of the room its character stands in; nil before login.
    public var room: String?

    /// An entry from its parts.
    public init(id: Int, name: String?, address: String, idleSeconds: Double, commands: Int, room: String?) {
        self.id = id
        self.name = name
        self.address = address
        self.idleSeconds = idleSeconds
        self.commands = commands
        self.room = room
    }

    enum CodingKeys: String, CodingKey {
        case id, name, address
        case idleSeconds = "idle_seconds"
        case commands, room
    }
}
