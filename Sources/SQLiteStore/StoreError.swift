/// A database failure: which file and what SQLite said.
struct StoreError: Error, CustomStringConvertible, Sendable {
    /// The database file.
    let path: String
    /// SQLite's message, with the statement that failed.
    let message: String

    /// A one-line description naming the file.
    var description: String { "\(path): \(message)" }
}
