/// Who is at the other end of an admin connection: the hello's `server` object.
public struct ServerIdentity: Codable, Sendable, Equatable {
    /// The game's name (from its configuration).
    public var name: String
    /// The server software's version (`MudScopeVersion.current`).
    public var version: String
    /// The server's process id.
    public var pid: Int
    /// When the server started, in seconds since the Unix epoch.
    public var startedAt: Double

    /// An identity from its parts.
    public init(name: String, version: String, pid: Int, startedAt: Double) {
        self.name = name
        self.version = version
        self.pid = pid
        self.startedAt = startedAt
    }

    enum CodingKeys: String, CodingKey {
        case name, version, pid
        case startedAt = "started_at"
    }
}

/// The server's first line: the protocol version and the server's identity.
public struct AdminHello: Sendable, Equatable {
    /// The version the server speaks.
    public var protocolVersion: AdminProtocolVersion
    /// The server.
    public var server: ServerIdentity

    /// A hello from its parts.
    public init(protocolVersion: AdminProtocolVersion = .current, server: ServerIdentity) {
        self.protocolVersion = protocolVersion
        self.server = server
    }
}
