import ProfileKit

/// The metrics history on disk: one row per snapshot in `metrics.db`'s `metrics` table, kept for a
/// configurable number of hours, so history survives a restart.
///
/// A file of its own (not `mudserver.db`), so that writing a snapshot every second never makes a
/// game transaction wait for SQLite's single writer. The server writes it; `mudtop --replay` reads
/// it (`init(readingOnly:)`), also while the server runs. Not thread-safe: `ServerMetrics` uses it
/// from one serial queue.
public final class MetricsStore {
    private let database: SQLiteDatabase
    /// Seconds a row is kept (0 for a store opened for reading).
    public let retentionSeconds: Double

    /// The table that holds the rows.
    public static let table = "metrics"
    /// The table: the snapshot's time (Unix seconds), its sequence, and its JSON.
    static let schema = """
        CREATE TABLE IF NOT EXISTS metrics(time REAL NOT NULL, sequence INTEGER NOT NULL, snapshot TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS metrics_time ON metrics(time);
        """

    /// Opens (creating if needed) the store at `path`, keeping rows for `retentionSeconds`.
    public init(path: String, retentionSeconds: Double) throws(StoreError) {
        database = try SQLiteDatabase(path: path, synchronous: "NORMAL")
        try database.execute(Self.schema)
        self.retentionSeconds = retentionSeconds
    }

    /// Opens an existing store read-only (the server may be writing it); throws, naming the file,
    /// when the file is not an SQLite database or has no metrics table with `time` and `snapshot`.
    public init(readingOnly path: String) throws(StoreError) {
        database = try SQLiteDatabase(readingOnly: path)
        retentionSeconds = 0
        let columns: [String]
        do throws(StoreError) {
            columns = try database.query("SELECT name FROM pragma_table_info(?)", [.text(Self.table)]).compactMap(\.first?.text)
        } catch {
            throw StoreError(path: path, message: "not a readable SQLite database (\(error.reason))")
        }
        if columns.isEmpty {
            throw StoreError(path: path, message: "not a mudserver metrics database (no table \(Self.table))")
        }
        for wanted in ["time", "snapshot"] where !columns.contains(wanted) {
            throw StoreError(path: path, message: "not a mudserver metrics database (table \(Self.table) has no column \(wanted))")
        }
    }

    /// Stores one snapshot.
    public func append(_ snapshot: MetricsSnapshot) throws(StoreError) {
        try database.query("INSERT INTO metrics(time, sequence, snapshot) VALUES(?, ?, ?)",
                           [.real(snapshot.time), .integer(Int64(snapshot.sequence)),
                            .text(String(decoding: snapshot.jsonBytes(), as: UTF8.self))])
    }

    /// Deletes rows older than the retention, counted back from `now` (Unix seconds).
    public func prune(now: Double) throws(StoreError) {
        try database.query("DELETE FROM metrics WHERE time < ?", [.real(now - retentionSeconds)])
    }

    /// The newest `limit` snapshots with `from <= time < before` and `time <= to` (nil bounds are
    /// open), oldest first; rows that no longer decode (another schema) are skipped.
    public func snapshots(from: Double?, to: Double?, before: Double?, limit: Int) throws(StoreError) -> [MetricsSnapshot] {
        let upper = min(to ?? .infinity, before.map { $0.nextDown } ?? .infinity)
        let rows = try database.query(
            "SELECT snapshot FROM metrics WHERE time >= ? AND time <= ? ORDER BY time DESC, rowid DESC LIMIT ?",
            [.real(from ?? -Double.greatestFiniteMagnitude), .real(min(upper, Double.greatestFiniteMagnitude)),
             .integer(Int64(max(0, limit)))])
        return rows.reversed().compactMap { row in
            guard let text = row.first?.text else { return nil }
            return try? MetricsSnapshot(json: Array(text.utf8))
        }
    }

    /// Rows held.
    public func count() throws(StoreError) -> Int {
        Int(try database.query("SELECT COUNT(*) FROM metrics").first?.first?.integer ?? 0)
    }
}
