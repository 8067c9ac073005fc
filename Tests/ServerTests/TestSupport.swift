import Foundation
import Logging
@testable import Server

/// Sleeps the calling thread (test helper).
func usleepSeconds(_ seconds: Double) {
    usleep(UInt32(seconds * 1_000_000))
}

/// A unique temporary game directory, initialised with a fast password hash.
func makeGameDirectory(_ label: String, configure: (inout ServerConfig) -> Void = { _ in }) throws -> GameDirectory {
    let path = NSTemporaryDirectory() + "mudscope-\(label)-\(UUID().uuidString)"
    let directory = GameDirectory(path)
    var config = ServerConfig()
    config.port = 0
    config.passwordRounds = 1000
    config.databaseSynchronous = "NORMAL"
    configure(&config)
    try GameInitializer(directory: directory, config: config).run(adminName: "Admin", adminPassword: "adminpass")
    return directory
}

/// Deletes a test's game directory.
func removeGameDirectory(_ directory: GameDirectory) {
    try? FileManager.default.removeItem(atPath: directory.path)
}

/// Starts an in-process server on an ephemeral loopback port.
func startServer(_ directory: GameDirectory) throws -> MudServer {
    let config = try directory.loadConfig()
    return try MudServer(directory: directory, config: config, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() },
                         networkThreads: 1)
}

/// Opens a TCP connection to 127.0.0.1:`port` and returns the socket.
func connectLoopback(port: Int, receiveBuffer: Int32? = nil) throws -> Int32 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    if var size = receiveBuffer {
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
    }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    try connectSocket(fd, to: address, naming: "127.0.0.1:\(port)")
    return fd
}

/// Connects `fd` to `address` (a `sockaddr_in`, `sockaddr_un`, ...); closes it and throws on failure.
func connectSocket<Address>(_ fd: Int32, to address: Address, naming name: String) throws {
    var address = address
    let status = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            connect(fd, $0, socklen_t(MemoryLayout<Address>.size))
        }
    }
    guard status == 0 else {
        Glibc.close(fd)
        throw ClientError(description: "connect to \(name) failed: errno \(errno)")
    }
}

/// What `fd` has to read within `seconds` (empty if nothing came); nil once the peer has closed.
func receiveSome(_ fd: Int32, waiting seconds: Double) -> [UInt8]? {
    var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
    guard poll(&poller, 1, Int32(seconds * 1000)) > 0 else { return [] }
    var buffer = [UInt8](repeating: 0, count: 65536)
    let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
    return count > 0 ? Array(buffer[..<count]) : nil
}

/// Sends all of `bytes` on `fd` (stops quietly if the peer hung up).
func sendAll(_ fd: Int32, _ bytes: [UInt8]) {
    var offset = 0
    while offset < bytes.count {
        let sent = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent > 0 else { return }
        offset += sent
    }
}

/// Why a test client gave up.
struct ClientError: Error, CustomStringConvertible {
    let description: String
}

/// A blocking telnet client over a real loopback socket, with timeouts on every read.
final class TestClient {
    private var fd: Int32
    private var received: [UInt8] = []
    /// Text seen so far (telnet commands stripped) that no `read(until:)` consumed yet.
    private(set) var pending = ""
    /// Whether the server closed the connection.
    private(set) var closedByServer = false

    /// Connects to 127.0.0.1:`port`.
    init(port: Int, receiveBuffer: Int32? = nil) throws {
        fd = try connectLoopback(port: port, receiveBuffer: receiveBuffer)
    }

    deinit { close() }

    /// Sends one line with CR LF.
    func send(_ line: String) {
        sendRaw(Array((line + "\r\n").utf8))
    }

    /// Sends raw bytes (ignores errors: the server may have hung up).
    func sendRaw(_ bytes: [UInt8]) {
        guard fd >= 0 else { return }
        sendAll(fd, bytes)
    }

    /// Reads until `marker` appears; returns everything up to and including it.
    @discardableResult
    func read(until marker: String, timeout: Double = 10) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let range = pending.range(of: marker) {
                let text = String(pending[..<range.upperBound])
                pending = String(pending[range.upperBound...])
                return text
            }
            guard !closedByServer else {
                throw ClientError(description: "closed before \"\(marker)\"; got: \(pending.suffix(300))")
            }
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { throw ClientError(description: "timed out on \"\(marker)\"; got: \(pending.suffix(300))") }
            receive(waiting: min(left, 0.5))
        }
    }

    /// Sends a line and waits for `marker`.
    @discardableResult
    func command(_ line: String, expect marker: String, timeout: Double = 10) throws -> String {
        send(line)
        return try read(until: marker, timeout: timeout)
    }

    /// Waits until the server closes the connection; false on timeout.
    func waitForClose(timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while !closedByServer && deadline.timeIntervalSinceNow > 0 { receive(waiting: 0.2) }
        return closedByServer
    }

    /// Closes the socket.
    func close() {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
    }

    /// Half-closes: no more data from us, the connection stays open for reading.
    func shutdownWrite() {
        shutdown(fd, Int32(SHUT_WR))
    }

    private func receive(waiting seconds: Double) {
        guard let bytes = receiveSome(fd, waiting: seconds) else {
            closedByServer = true
            return
        }
        received += bytes
        pending += Self.stripTelnet(&received)
    }

    /// Removes complete telnet commands and returns the decodable text; keeps an incomplete tail.
    static func stripTelnet(_ bytes: inout [UInt8]) -> String {
        var text: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte != 255 {
                if byte != 13 { text.append(byte) }
                index += 1
                continue
            }
            guard index + 1 < bytes.count else { break }
            let command = bytes[index + 1]
            if command >= 251 && command <= 254 {
                guard index + 2 < bytes.count else { break }
                index += 3
            } else if command == 250 {
                guard let end = bytes[index...].firstIndex(of: 240) else { break }
                index = end + 1
            } else {
                index += 2
            }
        }
        bytes.removeFirst(index)
        return String(decoding: text, as: UTF8.self)
    }
}

/// Creates an account and logs it in; returns the connected client.
func loggedInClient(port: Int, name: String, password: String = "secretpw", create: Bool = true) throws -> TestClient {
    let client = try TestClient(port: port)
    try client.read(until: "re-show this screen", timeout: 10)
    if create {
        try client.command("create \(name) \(password)", expect: "was created")
    }
    try client.command("connect \(name) \(password)", expect: "You become \(name).")
    return client
}
