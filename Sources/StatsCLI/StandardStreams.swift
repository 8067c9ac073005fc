#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard output and error, written with plain `write(2)` calls.
enum StandardStreams {
    /// Writes text to standard output in full.
    static func write(_ text: String) {
        writeAll(1, text)
    }

    /// Writes `profstats: error: message` to standard error.
    static func fail(_ message: String) {
        writeAll(2, "profstats: error: " + message + "\n")
    }

    /// Writes bytes to standard output in full.
    static func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { writeAll(1, $0) }
    }

    /// Writes bytes to standard output in full.
    static func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        writeAll(1, bytes)
    }

    private static func writeAll(_ fd: Int32, _ text: String) {
        var text = text
        text.withUTF8 { writeAll(fd, $0) }
    }

    private static func writeAll(_ fd: Int32, _ buffer: UnsafeBufferPointer<UInt8>) {
        var offset = 0
        while offset < buffer.count {
            let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += n
        }
    }
}
