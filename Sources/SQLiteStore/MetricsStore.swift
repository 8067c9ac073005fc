import ProfileKit

/// The metrics history on disk: one row per snapshot in `metrics.db`'s `metrics` table, kept for a
/// configurable number of hours, so history survives a restart.
///
/// A file of its own (not `mudserver.db`), so that writing a snapshot every second never makes a
/// game transaction wait for SQLite's single writer. Not thread-safe: `ServerMetrics` uses it from
/// one serial queue.
final class MetricsStore {
    private let database: SQLiteDatabase
    /// Seconds a row is kept.
    let retentionSeconds: Double

    /// The table: the snapshot's time (Unix seconds), its sequence, and its JSON.
    static let schema = """
        CREATE TABLE IF NOT EXISTS metrics(time REAL NOT NULL, sequence INTEGER NOT NULL, snapshot TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS metrics_time ON metrics(time);
        """

    /// Opens (creating if needed) the store at `path`, keeping rows for `retentionSeconds`.
    init(path: String, retentionSeconds: Double) throws(StoreError) {
        database = try SQLiteDatabase(path: path, synchronous: "NORMAL")
        try database.execute(Self.schema)
        self.retentionSeconds = retentionSeconds
    }

    /// Stores one snapshot.
    func append(_ snapshot: MetricsSnapshot) throws(StoreError) {
        try database.query("INSERT INTO metrics(time, sequence, snapshot) VALUES(?, ?, ?)",
                           [.real(snapshot.time), .integer(Int64(snapshot.sequence)),
                            .text(String(decoding: snapshot.jsonBytes(), as: UTF8.self))])
    }

    /// Deletes rows older than the retention, counted back from `now` (Unix seconds).
    func prune(now: Double) throws(StoreError) {
        try database.query("DELETE FROM metrics WHERE time < ?", [.real(now - retentionSeconds)])
    }

    /// The newest `limit` snapshots with `from <= time < before` and `time <= to` (nil bounds are
    /// open), oldest first; rows that no longer decode (another schema) are skipped.
    func snapshots(from: Double?, to: Double?, before: Double?, limit: Int) throws(StoreError) -> [MetricsSnapshot] {
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
    func count() throws(StoreError) -> Int {
        Int(try database.query("SELECT COUNT(*) FROM metrics").first?.first?.integer ?? 0)
    }
}
