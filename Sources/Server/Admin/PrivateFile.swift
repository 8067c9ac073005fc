#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ProfileKit

/// Files only the server's user may use: the admin socket and the TCP token file (mode 0600).
enum PrivateFile {
    /// Throws unless `path` belongs to this user and no one else may read or write it.
    static func requirePrivate(_ path: String, what: String) throws(LauncherError) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw .startFailed("cannot check the \(what) \(path): errno \(errno)")
        }
        if info.st_mode & 0o077 != 0 { chmod(path, 0o600) }
        guard stat(path, &info) == 0, info.st_mode & 0o077 == 0, info.st_uid == geteuid() else {
            throw .startFailed("refusing to serve: the \(what) \(path) cannot be made private (mode 0600)")
        }
    }

    /// Writes a fresh random token (32 bytes, hex) to `path`, created with mode 0600, and returns it.
    static func writeToken(to path: String) throws(LauncherError) -> String {
        var generator = SystemRandomNumberGenerator()
        let token = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
        unlink(path)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .startFailed("cannot create the admin token file \(path): errno \(errno)") }
        let bytes = Array((token + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        guard written == bytes.count else { throw .startFailed("cannot write the admin token file \(path)") }
        try requirePrivate(path, what: "admin token file")
        return token
    }
}
