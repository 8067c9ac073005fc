#if canImport(Glibc)
import Glibc
#endif

/// Reads a whole file with plain POSIX calls (recordings are read once, at start).
enum FileBytes {
    /// The file's bytes (at most `limit` of them), or the reason it could not be read.
    static func read(_ path: String, limit: Int = .max) throws(ConnectError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ConnectError(errno: errno, what: path) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: min(1 << 16, limit))
        while bytes.count < limit {
            let wanted = min(chunk.count, limit - bytes.count)
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, wanted) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ConnectError(errno: errno, what: path)
            }
            if count == 0 { return bytes }
            bytes += chunk[0..<count]
        }
        return bytes
    }
}
