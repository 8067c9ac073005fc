import Foundation
import ProfileKit

/// A scripted admin endpoint on a Unix socket, for testing `AdminSource` without a mudserver:
/// it accepts, writes what the test says and reads the client's request lines.
final class FakeAdminServer {
    /// The socket's path (short, unique per test).
    let path: String
    private var listener: Int32 = -1
    private var client: Int32 = -1
    private var pending: [UInt8] = []

    /// Listens on a fresh path.
    init() throws {
        path = "/tmp/mudtop-test-\(UUID().uuidString.prefix(8)).sock"
        try listen()
    }

    /// (Re)opens the listening socket at `path`.
    func listen() throws {
        unlink(path)
        // CLOEXEC: other tests spawn processes in parallel; an inherited copy would keep the socket open.
        listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            let bytes = Array(path.utf8)
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0, Glibc.listen(listener, 4) == 0 else { throw FakeError(description: "cannot listen on \(path)") }
    }

    /// Accepts the next client (waits up to 5 s).
    func accept() throws {
        var waiter = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
        guard poll(&waiter, 1, 5_000) == 1 else { throw FakeError(description: "no client connected") }
        client = Glibc.accept(listener, nil, nil)
        if client >= 0 { _ = fcntl(client, F_SETFD, FD_CLOEXEC) }
        pending = []
    }

    /// Sends server messages.
    func send(_ messages: [AdminServerMessage]) {
        let bytes = messages.flatMap { $0.encodedLine() }
        _ = bytes.withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
    }

    /// Sends raw text.
    func send(raw text: String) {
        _ = Array(text.utf8).withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
    }

    /// Reads `count` request lines from the client (waits up to 5 s).
    func requests(_ count: Int) throws -> [AdminRequest] {
        var reader = AdminRequestReader()
        var requests: [AdminRequest] = []
        let deadline = Date().addingTimeInterval(5)
        while requests.count < count, deadline.timeIntervalSinceNow > 0 {
            var waiter = pollfd(fd: client, events: Int16(POLLIN), revents: 0)
            guard poll(&waiter, 1, 100) == 1 else { continue }
            var buffer = [UInt8](repeating: 0, count: 4_096)
            let n = buffer.withUnsafeMutableBytes { read(client, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            for result in reader.feed(buffer[0..<n]) { requests.append(try result.get()) }
        }
        return requests
    }

    /// Closes the client and the listener (the server "goes away").
    func stop() {
        // shutdown, not only close: the client must see the end even if a copy of the descriptor
        // is still open somewhere.
        if client >= 0 {
            shutdown(client, Int32(SHUT_RDWR))
            close(client)
        }
        if listener >= 0 { close(listener) }
        client = -1
        listener = -1
        unlink(path)
    }

    deinit { stop() }

    struct FakeError: Error, CustomStringConvertible {
        var description: String
    }
}
