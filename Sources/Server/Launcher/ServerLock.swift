import Foundation

/// An exclusive `flock` on the game's lock file, held while a server runs (one server per game).
final class ServerLock {
    private let descriptor: Int32

    /// Takes the lock, or returns nil if another process holds it.
    init?(path: String) {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return nil }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            Foundation.close(fd)
            return nil
        }
        descriptor = fd
    }

    deinit {
        flock(descriptor, LOCK_UN)
        Foundation.close(descriptor)
    }
}
