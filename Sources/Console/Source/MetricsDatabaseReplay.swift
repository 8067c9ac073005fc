#if canImport(Glibc)
import Glibc
#endif
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
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: header.count)
        var filled = 0
        while filled < bytes.count {
            let count = bytes[filled...].withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            filled += count
        }
        return bytes == header
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
