import Foundation
import ProfileKit
@testable import Server

/// A blocking admin client over a real Unix-domain or loopback TCP socket, reading JSON lines with
/// timeouts (test helper).
final class AdminTestClient {
    private var fd: Int32
    private var lines = JSONLineDecoder(maxLineLength: 8 << 20)
    private var messages: [AdminServerMessage] = []
    /// Whether the server closed the connection.
    private(set) var closedByServer = false

    /// Connects to the Unix socket at `path`.
    init(socketPath path: String) throws {
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.enumerated() where index < raw.count - 1 { raw[index] = byte }
        }
        try connectSocket(fd, to: address, naming: path)
    }

    /// Connects to 127.0.0.1:`port`.
    init(tcpPort port: Int) throws {
        fd = try connectLoopback(port: port)
    }

    deinit { if fd >= 0 { Glibc.close(fd) } }

    /// Sends raw bytes.
    func sendRaw(_ bytes: [UInt8]) { sendAll(fd, bytes) }

    /// Half-closes: no more requests, answers still come.
    func shutdownWrite() { shutdown(fd, Int32(SHUT_WR)) }

    /// Sends one line (a newline is added).
    func send(_ line: String) { sendRaw(Array((line + "\n").utf8)) }

    /// The next message that satisfies `match`, skipping others; throws on timeout or close.
    func next(timeout: Double = 10, where match: (AdminServerMessage) -> Bool = { _ in true }) throws -> AdminServerMessage {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let index = messages.firstIndex(where: match) {
                let message = messages[index]
                messages.removeFirst(index + 1)
                return message
            }
            messages.removeAll()
            guard !closedByServer else { throw ClientError(description: "closed by the server") }
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { throw ClientError(description: "timed out waiting for an admin message") }
            receive(waiting: min(left, 0.5))
        }
    }

    /// The next `error` line.
    func nextError(timeout: Double = 10) throws -> AdminProtocolError {
        guard case .error(let error) = try next(timeout: timeout, where: { if case .error = $0 { true } else { false } })
        else { throw ClientError(description: "unreachable") }
        return error
    }

    /// Reads history batches for request `id` up to the final one.
    func history(id: Int, timeout: Double = 10) throws -> [MetricsSnapshot] {
        var all: [MetricsSnapshot] = []
        while true {
            let message = try next(timeout: timeout) {
                if case .history(let got, _, _) = $0 { got == id } else { false }
            }
            guard case .history(_, let snapshots, let final) = message else { continue }
            all += snapshots
            if final { return all }
        }
    }

    /// Waits until the server closes the connection; false on timeout.
    func waitForClose(timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while !closedByServer && deadline.timeIntervalSinceNow > 0 { receive(waiting: 0.2) }
        return closedByServer
    }

    private func receive(waiting seconds: Double) {
        guard let bytes = receiveSome(fd, waiting: seconds) else {
            closedByServer = true
            return
        }
        // Lines are read one by one (not through AdminClientReader) so a refusal sent instead of a
        // hello is still seen; the tests check the hello themselves.
        for event in lines.feed(bytes) {
            guard case .line(let line) = event else { continue }
            do {
                if let message = try AdminServerMessage.parse(line: line) { messages.append(message) }
            } catch {
                messages.append(.error(error))
            }
        }
    }
}

/// Waits until the server has its first snapshot (or more than `sequence`).
func waitForSnapshot(_ server: MudServer, after sequence: Int = 0, timeout: Double = 5) throws -> MetricsSnapshot {
    let deadline = Date().addingTimeInterval(timeout)
    while deadline.timeIntervalSinceNow > 0 {
        if let latest = server.live.metrics.latest, latest.sequence > sequence { return latest }
        usleepSeconds(0.05)
    }
    throw ClientError(description: "no metrics snapshot within \(timeout) s")
}

/// One HTTP request to 127.0.0.1:`port`; returns the whole response (the server closes after it).
func httpGet(port: Int, request: String) throws -> String {
    let fd = try connectLoopback(port: port)
    defer { Glibc.close(fd) }
    sendAll(fd, Array(request.utf8))
    var response: [UInt8] = []
    let deadline = Date().addingTimeInterval(10)
    while deadline.timeIntervalSinceNow > 0, let bytes = receiveSome(fd, waiting: 0.5) {
        response += bytes
    }
    return String(decoding: response, as: UTF8.self)
}
