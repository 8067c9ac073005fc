import Foundation

/// A player on a real telnet connection to a test server (loopback only): sends lines, waits for
/// text; telnet negotiation bytes are left in the buffer and never matched.
final class TelnetPlayer {
    private var fd: Int32
    private var seen: [UInt8] = []

    /// Connects to 127.0.0.1:`port`.
    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard status == 0 else {
            close(fd)
            throw MudTopBinary.BinaryError(description: "telnet connect to 127.0.0.1:\(port) failed: errno \(errno)")
        }
    }

    deinit { close(fd) }

    /// Sends `line` and waits (up to `timeout` seconds) until the server has said `marker`.
    func command(_ line: String, expect marker: String, timeout: Double = 10) throws {
        let bytes = Array((line + "\r\n").utf8)
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        try wait(for: marker, timeout: timeout)
    }

    /// Waits until the server has said `marker` since the last match.
    func wait(for marker: String, timeout: Double = 10) throws {
        let needle = Array(marker.utf8)
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let end = seen.firstRange(of: needle)?.upperBound {
                seen.removeFirst(end)
                return
            }
            let left = deadline.timeIntervalSinceNow
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard left > 0, poll(&poller, 1, Int32(min(left, 0.5) * 1000)) >= 0 else {
                throw MudTopBinary.BinaryError(description: "no \"\(marker)\" from the server")
            }
            guard poller.revents != 0 else { continue }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { throw MudTopBinary.BinaryError(description: "server closed before \"\(marker)\"") }
            seen += buffer[..<count]
        }
    }
}
