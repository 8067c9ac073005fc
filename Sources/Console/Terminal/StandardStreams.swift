#if canImport(Glibc)
import Glibc
#endif

/// Writes text straight to standard output or error (unbuffered `write`, so a record is out the
/// moment it is printed, even into a pipe).
enum StandardStreams {
    /// Writes `text` to standard output.
    static func out(_ text: String) { write(1, text) }

    /// Writes `text` and a newline to standard error.
    static func error(_ text: String) { write(2, text + "\n") }

    private static func write(_ fd: Int32, _ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let count = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return }
            bytes = bytes.dropFirst(count)
        }
    }
}
