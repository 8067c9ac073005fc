#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ProfileKit

/// Writes an output file whole or not at all: the bytes go to a temporary file beside it, which
/// is then renamed over the target, so a reader never sees half a file. (No fsync: these are
/// exports that can be made again, not data to keep through a power cut.) `-` is standard output.
/// A symbolic link is followed (the link stays; its target gets the new file), and a target that
/// is not a regular file (`/dev/stdout`, a FIFO) is written in place: renaming over it would
/// replace the device or the pipe with a file.
enum OutputFile {
    struct Error: Swift.Error, CustomStringConvertible {
        let description: String
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        try write(to: path) { (sink: ByteSink) in bytes.withUnsafeBufferPointer { sink($0) } }
    }

    /// Writes what `produce` hands its sink, piece by piece, as one file. If `produce` throws, the
    /// temporary file is removed and the target is left as it was.
    static func write<Failure: Swift.Error>(to path: String,
                                            _ produce: (ByteSink) throws(Failure) -> Void) throws {
        if path == "-" {
            try produce { StandardStreams.write($0) }
            return
        }
        let target = WriteTarget.resolved(path)
        if WriteTarget.isSpecial(target) {
            let fd = open(target, O_WRONLY | O_TRUNC | O_CLOEXEC)
            guard fd >= 0 else { throw Error(description: "\(path): \(String(cString: strerror(errno)))") }
            let failure = try fill(fd, produce)
            if failure != 0 { throw Error(description: "\(path): \(String(cString: strerror(failure)))") }
            return
        }
        let temporary = target + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Error(description: "\(path): \(String(cString: strerror(errno)))") }
        var failure: Int32
        do {
            failure = try fill(fd, produce)
        } catch {
            unlink(temporary)
            throw error
        }
        if failure == 0 && rename(temporary, target) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw Error(description: "\(path): \(String(cString: strerror(failure)))")
        }
    }

    /// Writes what `produce` hands its sink to `fd` and closes it; returns the first write or
    /// close error (an errno; 0: none). If `produce` throws, `fd` is closed and the error rethrown.
    private static func fill<Failure: Swift.Error>(_ fd: Int32,
                                                   _ produce: (ByteSink) throws(Failure) -> Void) throws -> Int32 {
        var failure: Int32 = 0
        do {
            try produce { buffer in
                var offset = 0
                while failure == 0 && offset < buffer.count {
                    let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                    if n < 0 {
                        if errno != EINTR { failure = errno }
                        continue
                    }
                    offset += n
                }
            }
        } catch {
            close(fd)
            throw error
        }
        if close(fd) != 0 && failure == 0 { failure = errno }
        return failure
    }
}
