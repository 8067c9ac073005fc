import CSQLite

/// A value bound to or read from an SQLite statement.
public enum SQLValue: Sendable, Equatable {
    /// NULL.
    case null
    /// An INTEGER.
    case integer(Int64)
    /// A REAL.
    case real(Double)
    /// TEXT (a BLOB reads as its bytes decoded as UTF-8).
    case text(String)

    /// The integer, or nil for NULL and other types.
    public var integer: Int64? { if case .integer(let value) = self { value } else { nil } }
    /// The text, or nil for NULL and other types.
    public var text: String? { if case .text(let value) = self { value } else { nil } }
    /// The number as a double (integers widen), or nil.
    public var real: Double? {
        switch self {
        case .real(let value): value
        case .integer(let value): Double(value)
        default: nil
        }
    }
}

/// One SQLite connection: the only file that imports CSQLite. Not shared between threads.
///
/// The server writes through it (`mudserver.db`, `metrics.db`); mudtop reads `metrics.db` through a
/// read-only one, also while the server writes.
public final class SQLiteDatabase {
    private var handle: OpaquePointer?
    private var statements: [String: OpaquePointer] = [:]
    /// Where the database lives (for error messages).
    public let path: String

    /// Opens (creating if needed) the database at `path` in WAL mode.
    public init(path: String, synchronous: String = "FULL") throws(StoreError) {
        self.path = path
        handle = try Self.open(path, flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX)
        try execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=\(synchronous); PRAGMA foreign_keys=OFF;")
    }

    /// Opens the existing database at `path` for reading only: it is never created, changed or
    /// switched to another journal mode, and a writer may keep it open in WAL mode meanwhile.
    public init(readingOnly path: String) throws(StoreError) {
        self.path = path
        handle = try Self.open(path, flags: SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX)
    }

    private static func open(_ path: String, flags: Int32) throws(StoreError) -> OpaquePointer? {
        var db: OpaquePointer?
        let status = sqlite3_open_v2(path, &db, flags, nil)
        guard status == SQLITE_OK else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(db)
            throw StoreError(path: path, message: "cannot open: \(message)")
        }
        sqlite3_busy_timeout(db, 5000)
        return db
    }

    deinit {
        for statement in statements.values { sqlite3_finalize(statement) }
        sqlite3_close(handle)
    }

    /// Runs one or more statements that return no rows.
    public func execute(_ sql: String) throws(StoreError) {
        var error: UnsafeMutablePointer<CChar>?
        if sqlite3_exec(handle, sql, nil, nil, &error) != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? "unknown error"
            sqlite3_free(error)
            throw StoreError(path: path, message: "\(message) in: \(sql.prefix(80))")
        }
    }

    /// Runs one statement with parameters and returns its rows.
    @discardableResult
    public func query(_ sql: String, _ parameters: [SQLValue] = []) throws(StoreError) -> [[SQLValue]] {
        let statement = try prepared(sql)
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for (offset, value) in parameters.enumerated() {
            let index = Int32(offset + 1)
            switch value {
            case .null: sqlite3_bind_null(statement, index)
            case .integer(let number): sqlite3_bind_int64(statement, index, number)
            case .real(let number): sqlite3_bind_double(statement, index, number)
            case .text(let string): sqlite3_bind_text(statement, index, string, -1, transient)
            }
        }
        var rows: [[SQLValue]] = []
        while true {
            let status = sqlite3_step(statement)
            if status == SQLITE_DONE { break }
            guard status == SQLITE_ROW else { throw lastError(sql) }
            var row: [SQLValue] = []
            for column in 0..<sqlite3_column_count(statement) {
                switch sqlite3_column_type(statement, column) {
                case SQLITE_INTEGER: row.append(.integer(sqlite3_column_int64(statement, column)))
                case SQLITE_FLOAT: row.append(.real(sqlite3_column_double(statement, column)))
                case SQLITE_NULL: row.append(.null)
                default:
                    let text = sqlite3_column_text(statement, column).map { String(cString: $0) } ?? ""
                    row.append(.text(text))
                }
            }
            rows.append(row)
        }
        return rows
    }

    private func prepared(_ sql: String) throws(StoreError) -> OpaquePointer {
        if let statement = statements[sql] { return statement }
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw lastError(sql)
        }
        statements[sql] = statement
        return statement
    }

    private func lastError(_ sql: String) -> StoreError {
        let reason = String(cString: sqlite3_errmsg(handle))
        return StoreError(path: path, message: "\(reason) in: \(sql.prefix(80))", reason: reason)
    }
}
