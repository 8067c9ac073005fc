/// A client's request on the admin connection: one JSON object per line with an `id` the answer
/// repeats and a `type` (share/doc/admin-protocol.md).
public struct AdminRequest: Sendable, Equatable {
    /// Chosen by the client; answers carry it back.
    public var id: Int
    /// What is asked.
    public var kind: Kind

    /// A request from its parts.
    public init(id: Int, kind: Kind) {
        self.id = id
        self.kind = kind
    }

    /// The request types.
    public enum Kind: Sendable, Equatable {
        /// Send a `snapshot` every `intervalSeconds` (a whole number from 1 to 3600) until unsubscribed;
        /// with `sessions`, each carries the session list (protocol 1.1).
        case subscribe(intervalSeconds: Int, sessions: Bool = false)
        /// Stop the snapshots.
        case unsubscribe
        /// Send the ring's snapshots with `from <= time <= to` (Unix seconds; nil is unbounded).
        case history(from: Double?, to: Double?)
        /// Carry out an operator command.
        case command(AdminCommand)
    }

    /// The longest subscription interval, in seconds.
    public static let longestInterval = 3_600
}

/// The operator commands an admin client may send; each changes the server, so mudtop asks first.
public enum AdminCommand: String, Codable, Sendable, CaseIterable {
    /// Start the call-graph profiler.
    case profilerStart = "profiler_start"
    /// Stop it (what it recorded is kept).
    case profilerStop = "profiler_stop"
    /// Write the profile recorded so far (`server.prof` and `server.folded`); the result names the path.
    case profilerDump = "profiler_dump"
    /// Discard what the profiler recorded.
    case profilerReset = "profiler_reset"
    /// Evict idle cached objects; the result gives the count.
    case flushIdleObjects = "flush_idle_objects"
}

/// A server's answer to a `command` request.
public struct AdminCommandResult: Codable, Sendable, Equatable {
    /// The command answered.
    public var command: AdminCommand
    /// A sentence for the operator (`profiler started`, `wrote /game/server.prof`).
    public var message: String
    /// The file written, for `profiler_dump`.
    public var path: String?
    /// Objects affected, for `flush_idle_objects`.
    public var count: Int?

    /// A result from its parts.
    public init(command: AdminCommand, message: String, path: String? = nil, count: Int? = nil) {
        self.command = command
        self.message = message
        self.path = path
        self.count = count
    }
}
