#if canImport(Glibc)
import Glibc
#endif

/// Where the admin endpoint listens: the game's Unix socket, or loopback TCP with a token.
enum AdminAddress: Equatable, Sendable {
    /// A Unix-domain socket path.
    case unix(path: String)
    /// A TCP host and port; the token file's contents go first.
    case tcp(host: String, port: Int, tokenFile: String)

    /// The socket's name inside a game directory.
    static let socketName = "admin.sock"

    /// How the header names it.
    var label: String {
        switch self {
        case .unix(let path): path
        case .tcp(let host, let port, _): "\(host):\(port)"
        }
    }

    /// Opens a connected, non-blocking socket, or says why not.
    func connect() -> Result<Int32, ConnectError> {
        switch self {
        case .unix(let path): Self.connectUnix(path)
        case .tcp(let host, let port, _): Self.connectTCP(host, port)
        }
    }

    private static func connectUnix(_ path: String) -> Result<Int32, ConnectError> {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard bytes.count < capacity else { return .failure(ConnectError(message: "socket path too long: \(path)")) }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return .failure(ConnectError(errno: errno, what: path)) }
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard status == 0 else {
            let error = errno
            Glibc.close(fd)
            return .failure(ConnectError(errno: error, what: path))
        }
        return .success(nonBlocking(fd))
    }

    private static func connectTCP(_ host: String, _ port: Int) -> Result<Int32, ConnectError> {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            return .failure(ConnectError(message: "cannot resolve \(host): \(String(cString: gai_strerror(status)))"))
        }
        defer { freeaddrinfo(list) }
        var lastError: Int32 = ECONNREFUSED
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let info = entry {
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), info.pointee.ai_protocol)
            if fd >= 0 {
                if Glibc.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 { return .success(nonBlocking(fd)) }
                lastError = errno
                Glibc.close(fd)
            }
            entry = info.pointee.ai_next
        }
        return .failure(ConnectError(errno: lastError, what: "\(host):\(port)"))
    }

    private static func nonBlocking(_ fd: Int32) -> Int32 {
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        return fd
    }
}

/// Why a connection attempt failed, for the header.
struct ConnectError: Error, Equatable, Sendable {
    /// A sentence.
    var message: String

    /// An error from its text.
    init(message: String) { self.message = message }

    /// An error from `errno` while reaching `what`.
    init(errno code: Int32, what: String) {
        message = "\(what): \(String(cString: strerror(code)))"
    }
}
