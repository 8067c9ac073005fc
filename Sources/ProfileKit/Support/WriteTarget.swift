#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a write to a path lands, for the writers that replace a file whole by renaming a
/// temporary file over it: renaming over a symbolic link would replace the link, and renaming over
/// a device or a pipe would replace it with a file.
public enum WriteTarget {
    /// `path` through its symbolic links, also a link to a file not made yet: the path the
    /// temporary file is renamed to, so that the link stays. A chain longer than 40 links (a loop)
    /// stops where it is.
    public static func resolved(_ path: String) -> String {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(current, &buffer, buffer.count - 1)
            guard length > 0 else { return current }
            let destination = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if destination.hasPrefix("/") {
                current = destination
            } else if let slash = current.lastIndex(of: "/") {
                current = String(current[...slash]) + destination
            } else {
                current = destination
            }
        }
        return current
    }

    /// Whether `path` names something that exists and is not a regular file: a device
    /// (`/dev/stdout` leads to one), a pipe, a socket or a directory.
    public static func isSpecial(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) != S_IFREG
    }
}
