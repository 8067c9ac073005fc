import ProfileKit
import SQLiteStore

/// `mudtop --replay metrics.db`: the server's SQLite history (`MetricsStore`) as a recording, so it
/// plays through `ReplaySource` like a recorded stream.
///
/// The rows are the server's history, so they arrive as a history does on attach: all at once,
/// oldest first. The file is opened read-only and may be in use by a running server (WAL mode).
enum MetricsDatabaseReplay {
    /// The first 16 bytes of every SQLite 3 database file.
    static let header: [UInt8] = Array("SQLite format 3".utf8) + [0]

    /// Whether the file at `path` starts with the SQLite header (false if it cannot be read).
    static func isDatabase(_ path: String) -> Bool {
        (try? FileBytes.read(path, limit: header.count)) == header
    }

    /// The newest `limit` snapshots of the database at `path`, as a recording's history; rows of
    /// another snapshot schema are left out.
    static func recording(path: String, limit: Int) throws(ReplayError) -> ReplayRecording {
        do throws(StoreError) {
            let store = try MetricsStore(readingOnly: path)
            return ReplayRecording(history: try store.snapshots(from: nil, to: nil, before: nil, limit: limit))
        } catch {
            throw ReplayError(message: error.reason)
        }
    }
}
