/// One connected client as the game sees it (lives on the game executor).
final class Session {
    /// Where the session is in the login flow.
    enum Stage: Equatable {
        /// On the connection screen.
        case login
        /// Waiting for a password typed with echo off, for `create` or `connect`.
        case password(creating: Bool, name: String)
        /// Logged in and playing.
        case playing
        /// Closed or closing: input is ignored.
        case gone
    }

    /// Connection number, unique while the server runs.
    let id: Int
    /// The client's address (for throttling and `who`).
    let address: String
    /// The network side.
    let connection: any SessionConnection
    /// Where in the login flow it is.
    var stage = Stage.login
    /// The logged-in account.
    var account: AccountRecord?
    /// The puppeted character's id.
    var characterID: Int64?
    /// Unix time of connection.
    let connectedAt: Double
    /// Unix time of the last input line.
    var lastInput: Double
    /// Lines received while a password check runs off the executor, handled after it, each with
    /// when it arrived (monotonic nanoseconds, for the command latency metric).
    var queuedLines: [(line: String, receivedAt: Int64?)] = []
    /// Whether a password hash or check for this session is running off the executor.
    var busy = false
    /// Whether the client asked for an end-of-record mark (telnet EOR) after each input line's output.
    var marksReplies = false
    /// Marks due for lines whose output is not all out yet (the line that made the session busy,
    /// lines dropped while it was): sent once the session is free, before its queued lines run.
    var owedReplyMarks = 0
    /// The latency record of the line that made the session busy: made once its reply is handed over,
    /// so a login's latency includes its password hashing.
    var owedLatency: (@Sendable () -> Void)?
    /// Client window size from NAWS, if sent.
    var windowSize: (width: Int, height: Int)?
    /// Client terminal type from TTYPE, if sent.
    var terminalType: String?
    /// Commands this session ran.
    var commandCount = 0

    /// A new session on the login screen.
    init(id: Int, address: String, connection: any SessionConnection, now: Double) {
        self.id = id
        self.address = address
        self.connection = connection
        self.connectedAt = now
        self.lastInput = now
    }
}
