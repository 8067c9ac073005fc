#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Standard output and error, written with plain `write(2)` calls.
enum StandardStreams {
    /// The first error writing standard output (an errno; 0: none). A reader that went away
    /// (EPIPE, as `profstats ... | head` does) is not an error.
    private static let outputFailure = Atomic<Int32>(0)

    /// Why standard output could not be written in full, if it could not (a full disk).
    static var outputError: String? {
        let failure = outputFailure.load(ordering: .relaxed)
        return failure == 0 ? nil : String(cString: strerror(failure))
    }

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
                if fd == 1 && errno != EPIPE {
                    _ = outputFailure.compareExchange(expected: 0, desired: errno, ordering: .relaxed)
                }
                return
            }
            offset += n
        }
    }
}
