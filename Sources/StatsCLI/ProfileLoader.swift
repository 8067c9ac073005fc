#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import ProfileKit

/// Reads profile files from disk into a stats session, turning every failure into a one-line
/// message that names the file, and exit status 2.
enum ProfileLoader {
    /// `pstats.Stats(paths...)`: each file loaded with its header line, then merged.
    static func session(_ paths: [String]) throws -> StatsSession {
        var sessions: [StatsSession] = []
        for path in paths {
            do {
                let file = try RawFile.read(path)
                let profile = try Profile(pstatsData: file.bytes)
                sessions.append(StatsSession(profile: profile, header: PythonTime.ctime(file.modified) + "    " + path))
            } catch let error as ProfileReadError {
                StandardStreams.fail("\(path): \(error.description)")
                throw ExitCode(2)
            } catch let error as RawFile.Error {
                StandardStreams.fail("\(path): \(error.description)")
                throw ExitCode(2)
            }
        }
        return StatsSession(merging: sessions)
    }
}

/// A whole file's bytes and its modification time, read with plain POSIX calls.
struct RawFile {
    /// Why a file could not be read.
    struct Error: Swift.Error, CustomStringConvertible {
        /// The C errno, or 0 when the problem was not the system's.
        var errno: Int32 = 0
        let description: String

        init(description: String) {
            self.description = description
        }

        /// The error for the current `errno`, worded by the C library.
        init(systemError code: Int32) {
            errno = code
            description = String(cString: strerror(code))
        }
    }

    let bytes: [UInt8]
    /// Seconds since the epoch, with fractions.
    let modified: Double

    static func read(_ path: String) throws(RawFile.Error) -> RawFile {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Error(systemError: errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Error(systemError: errno) }
        guard (info.st_mode & S_IFMT) != S_IFDIR else { throw Error(systemError: EISDIR) }
        // Read up to the size fstat gave and one byte more, to see whether the file grew.
        let capacity = Int(info.st_size) + 1
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            count = 0
            while count < capacity {
                let n = Glibc.read(fd, buffer.baseAddress! + count, capacity - count)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if n == 0 { break }
                count += n
            }
        }
        if failure != 0 { throw Error(systemError: failure) }
        if bytes.count == capacity { return try readGrowing(fd, prefix: bytes, info: info) }
        return RawFile(bytes: bytes, modified: modifiedTime(info))
    }

    /// The rest of a file that is larger than it was when it was opened.
    private static func readGrowing(_ fd: Int32, prefix: [UInt8], info: stat) throws(RawFile.Error) -> RawFile {
        var bytes = prefix
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Error(systemError: errno)
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return RawFile(bytes: bytes, modified: modifiedTime(info))
    }

    private static func modifiedTime(_ info: stat) -> Double {
        Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
    }
}
