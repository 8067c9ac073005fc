#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading all of a file with plain POSIX calls, for the few places that read files whole: a
/// recording mudtop replays, and the `/proc` files of a process sample (whose size reads as 0, so
/// they are read until end of file, never by their size).
public enum WholeFile {
    /// The bytes of the file at `path` (at most `limit` of them), or the `errno` of what failed.
    public static func read(_ path: String, limit: Int = .max) -> Result<[UInt8], Errno> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(Errno(errno)) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        if let failure = read(descriptor, into: &bytes, limit: limit) { return .failure(failure) }
        return .success(bytes)
    }

    /// Reads an open file from its start to its end (or to `limit` bytes) into `bytes`, replacing
    /// what they held and keeping their storage; nil, or the `errno` of a failed read. From the
    /// start with `pread`, so one descriptor can be read again: a `/proc` file is made anew by each
    /// read from offset 0.
    public static func read(_ descriptor: CInt, into bytes: inout [UInt8], limit: Int = .max) -> Errno? {
        bytes.removeAll(keepingCapacity: true)
        var filled = 0
        while filled < limit {
            let wanted = min(max(4096, filled), limit - filled)
            bytes.append(contentsOf: repeatElement(0, count: wanted))
            let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + filled, wanted, off_t(filled)) }
            if count < 0, errno == EINTR {
                bytes.removeLast(wanted)
                continue
            }
            if count < 0 {
                let failure = Errno(errno)
                bytes.removeAll(keepingCapacity: true)
                return failure
            }
            bytes.removeLast(wanted - count)
            filled += count
            if count == 0 { break }
        }
        return nil
    }

    /// A failed call's `errno`, with its text.
    public struct Errno: Error, Equatable, Sendable {
        /// The number.
        public let code: CInt

        /// The error for `code`.
        public init(_ code: CInt) { self.code = code }

        /// What `strerror` says of it ("No such file or directory").
        public var message: String { String(cString: strerror(code)) }
    }
}
