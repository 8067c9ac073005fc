import ProfileKit

/// Reads a whole file (recordings are read once, at start).
enum FileBytes {
    /// The file's bytes (at most `limit` of them), or the reason it could not be read.
    static func read(_ path: String, limit: Int = .max) throws(ConnectError) -> [UInt8] {
        switch WholeFile.read(path, limit: limit) {
        case .success(let bytes): return bytes
        case .failure(let failure): throw ConnectError(errno: failure.code, what: path)
        }
    }
}
