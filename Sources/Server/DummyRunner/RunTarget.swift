import NIOCore

/// Where the bots connect: loopback only, unless the user allowed a remote host by name.
struct RunTarget: Equatable, Sendable {
    /// Host as given (an IP literal, or `localhost`).
    let host: String
    /// TCP port.
    let port: Int

    /// Whether `host` is loopback: `localhost`, 127.0.0.0/8 or ::1. No name is looked up.
    static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host == "::1" || host == "[::1]" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts.allSatisfy({ UInt8($0) != nil }) else { return false }
        return parts[0] == "127"
    }

    /// A target at `host:port`; a non-loopback host is refused unless `allowRemote`.
    init(host: String, port: Int, allowRemote: Bool) throws(RunTargetError) {
        guard (1...65535).contains(port) else { throw .badPort(port) }
        guard allowRemote || Self.isLoopback(host) else { throw .notLoopback(host) }
        self.host = host == "localhost" ? "127.0.0.1" : host == "[::1]" ? "::1" : host
        self.port = port
    }

    /// `host:port` as a person writes it, an IPv6 host in brackets (`[::1]:4000`).
    static func label(host: String, port: Int) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// This target as `label(host:port:)` writes it.
    var label: String { Self.label(host: host, port: port) }

    /// The socket address (an IP literal needs no lookup; a remote name is resolved).
    func socketAddress() throws -> SocketAddress {
        if let address = try? SocketAddress(ipAddress: host, port: port) { return address }
        return try SocketAddress.makeAddressResolvingHost(host, port: port)
    }
}

/// Why a target was refused.
enum RunTargetError: Error, Equatable, CustomStringConvertible {
    /// The host is not loopback and `--allow-remote` was not given.
    case notLoopback(String)
    /// The port is out of range.
    case badPort(Int)
    /// `--game` names a directory whose server is not running.
    case serverNotRunning(String)

    /// The message shown to the user.
    var description: String {
        switch self {
        case .notLoopback(let host):
            "refusing to load \(host): the dummyrunner targets loopback only (127.0.0.0/8, ::1, localhost); " +
                "pass --allow-remote to load a server you own elsewhere"
        case .badPort(let port): "bad port \(port)"
        case .serverNotRunning(let path): "no running server for the game in \(path) (start it first)"
        }
    }
}
