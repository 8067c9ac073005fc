import Foundation
import ProfileKit
import Synchronization

/// Writes a file whole or not at all: a temporary file beside it, flushed, then renamed over it.
enum AtomicFile {
    private static let counter = Atomic<Int>(0)

    /// Replaces `path` with `bytes` (a new file gets `mode`); readers see the old file or the new
    /// one, never a part. A symbolic link is followed (the link stays); a path that names something
    /// other than a regular file (a device, a pipe) is refused, as renaming over it would replace it.
    static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws(FileWriteError) {
        let target = WriteTarget.resolved(path)
        if WriteTarget.isSpecial(target) {
            throw .write(path: path, reason: "not a regular file (a device, a pipe or a directory); give a file's path")
        }
        let serial = counter.wrappingAdd(1, ordering: .relaxed).oldValue
        let temporary = "\(target).tmp-\(getpid())-\(serial)"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { throw .write(path: temporary, reason: String(cString: strerror(errno))) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            guard written > 0 else {
                let reason = String(cString: strerror(errno))
                close(fd)
                unlink(temporary)
                throw .write(path: temporary, reason: reason)
            }
            offset += written
        }
        let synced = fsync(fd) == 0
        let syncError = errno
        close(fd)
        guard synced else {
            unlink(temporary)
            throw .write(path: temporary, reason: String(cString: strerror(syncError)))
        }
        guard rename(temporary, target) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw .write(path: path, reason: reason)
        }
    }
}

/// Why a file could not be written (a profile dump, the held changes).
enum FileWriteError: Error, Equatable, CustomStringConvertible {
    /// A file could not be written (`reason` from the system).
    case write(path: String, reason: String)

    /// The message shown to the admin or operator.
    var description: String {
        switch self {
        case .write(let path, let reason): "cannot write \(path): \(reason)"
        }
    }
}
