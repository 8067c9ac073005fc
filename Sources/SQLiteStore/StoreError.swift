/// A database failure: which file and what SQLite said.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    /// The database file.
    public let path: String
    /// SQLite's message, with the statement that failed.
    public let message: String
    /// SQLite's message alone (`database disk image is malformed`), for people who never saw the SQL.
    public let reason: String

    /// A failure of the database at `path`; `reason` defaults to `message`.
    public init(path: String, message: String, reason: String? = nil) {
        self.path = path
        self.message = message
        self.reason = reason ?? message
    }

    /// A one-line description naming the file.
    public var description: String { "\(path): \(message)" }
}
