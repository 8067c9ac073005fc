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
        let description: String
    }

    let bytes: [UInt8]
    /// Seconds since the epoch, with fractions.
    let modified: Double

    static func read(_ path: String) throws(RawFile.Error) -> RawFile {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Error(description: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Error(description: String(cString: strerror(errno))) }
        guard (info.st_mode & S_IFMT) != S_IFDIR else { throw Error(description: "is a directory") }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var filled = 0
        while true {
            if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(4096, bytes.count))) }
            let n = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(fd, buffer.baseAddress! + filled, buffer.count - filled)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw Error(description: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            filled += n
        }
        bytes.removeSubrange(filled...)
        let modified = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
        return RawFile(bytes: bytes, modified: modified)
    }
}
