import ProfileKit

/// The server's instrumentation points, interned once (each command's own site is made by its
/// `CommandSpec`, at the line of its table entry).
///
/// Names say which part of the server the time went to; the profile's file:line is this table.
enum ServerProbes {
    // MARK: connections (their handlers run on the game thread too)

    /// A chunk of bytes read from a client, decoded and handed to the game.
    static let telnetRead = ProfileSite("telnet read")
    /// The telnet decoder turning bytes into lines and option events.
    static let telnetDecode = ProfileSite("telnet decode")
    /// A write reaching a client's channel, and its flush: the socket write.
    static let channelWrite = ProfileSite("channel write")

    // MARK: the game executor

    /// A client connecting (session made, banner queued).
    static let connectionOpen = ProfileSite("connection open")
    /// A client's connection closing (leaving the game).
    static let connectionClose = ProfileSite("connection close")
    /// An input line arriving at the game.
    static let receiveLine = ProfileSite("receive line")
    /// One line through the command pipeline: parse, lookup, permission check, the command.
    static let commandPipeline = ProfileSite("command pipeline")
    /// Splitting the line into key, switches and arguments.
    static let parse = ProfileSite("parse")
    /// Matching the line against the exits of the room.
    static let exitMatch = ProfileSite("exit match")
    /// Finding the command in the table.
    static let lookup = ProfileSite("lookup")
    /// Checking the account may run the command.
    static let permissionCheck = ProfileSite("permission check")
    /// `create` on the connection screen (before the hash runs off the executor).
    static let loginCreate = ProfileSite("cmd create account")
    /// `connect` on the connection screen (before the check runs off the executor).
    static let loginConnect = ProfileSite("cmd connect")
    /// The other commands of the connection screen (`look`, `help`, `quit`, unknown words).
    static let loginOther = ProfileSite("cmd login screen")
    /// Handing a unit of work's changes to the database writer.
    static let submitChanges = ProfileSite("submit changes")
    /// Telnet-encoding replies and handing them to their connections.
    static let outputWrite = ProfileSite("output write")
    /// Sending a line to everyone in a room.
    static let broadcast = ProfileSite("broadcast")
    /// Flushing, once per burst of commands, the connections a broadcast to a crowd reached
    /// (`DeferredFlushes`; the broadcast itself is under its command).
    static let deferredFlush = ProfileSite("deferred flush")
    /// A commit acknowledged by the writer: replies waiting on it are released.
    static let commitAck = ProfileSite("commit ack")
    /// An object found in the cache (counts the hits; the lookup itself is in the caller's time).
    static let objectCacheHit = ProfileSite("object cache hit")
    /// Listing what a room or container holds (its objects' cache hits are not counted one by one).
    static let contents = ProfileSite("room contents")
    /// An object read from the database into the cache.
    static let objectLoad = ProfileSite("object load")
    /// Dropping idle objects from the cache.
    static let evictIdle = ProfileSite("evict idle objects")
    /// The result of off-executor work coming back to the game thread.
    static let asyncReturn = ProfileSite("runAsync return")

    // MARK: worker threads

    /// Work run off the game thread through `GameExecutor.runAsync`.
    static let asyncWork = ProfileSite("runAsync work")
    /// Hashing a new password (PBKDF2).
    static let passwordHash = ProfileSite("password hash")
    /// Checking a password against its stored hash (PBKDF2).
    static let passwordVerify = ProfileSite("password verify")
    /// A `server/profile` action (start, stop, reset, status, or a dump: snapshot and both files).
    static let profileControl = ProfileSite("server/profile")

    // MARK: the database writer

    /// One group-commit transaction: the batches taken together, applied and committed.
    static let databaseBatch = ProfileSite("db batch")
    /// Applying the batch's changes inside the transaction.
    static let databaseApply = ProfileSite("db apply")
    /// `COMMIT` (the fsync under synchronous=FULL).
    static let databaseCommit = ProfileSite("db commit")
    /// Telling the game which batches are committed.
    static let commitCallback = ProfileSite("commit callback")
}
