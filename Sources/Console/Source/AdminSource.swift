#if canImport(Glibc)
import Glibc
#endif
import ProfileKit

/// The live admin connection (share/doc/admin-protocol.md): reads the hello, asks for history so
/// the graphs fill at once, subscribes, and after the server goes away dials again with backoff
/// (1, 2, 4 ... 10 s), asking only for the history it missed.
final class AdminSource: MetricsSource {
    private let address: AdminAddress
    private let intervalSeconds: Int
    private let sessions: Bool
    private var socket: Int32?
    private var reader = AdminClientReader()
    private var retryAt: Double? = 0
    private var backoff = 1.0
    private var nextID = 1
    private var pending: [Int: AdminCommand] = [:]
    private var newestTime: Double?
    private var refused = false

    /// A source for the endpoint at `address`, subscribing every `intervalSeconds` (1 to 3600),
    /// with the session list unless `sessions` is false (nothing shows it).
    init(address: AdminAddress, intervalSeconds: Int, sessions: Bool = true) {
        self.address = address
        self.sessions = sessions
        self.intervalSeconds = min(max(1, intervalSeconds), AdminRequest.longestInterval)
    }

    /// The socket, once connected.
    var descriptor: Int32? { socket }

    /// The next connection attempt.
    var deadline: Double? { socket == nil && !refused ? retryAt : nil }

    /// Finished only after a refusal (an unknown protocol version).
    var isFinished: Bool { refused }

    /// Connects when due, or reads what the server sent.
    func step(now: Double) -> [SourceEvent] {
        guard let socket else {
            guard let retryAt, now >= retryAt, !refused else { return [] }
            return dial(now: now)
        }
        var events: [SourceEvent] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(socket, $0.baseAddress, $0.count) }
            if count > 0 {
                do {
                    let messages = try reader.feed(buffer[0..<count])
                    for message in messages { events += handle(message) }
                } catch {
                    if error.code == .unsupportedVersion {
                        hangUp()
                        refused = true
                        return events + [.refused("\(error.message) (\(error.code))")]
                    }
                    return events + drop(reason: error.message, now: now)
                }
                if count < buffer.count { return events }
            } else if count == 0 {
                return events + drop(reason: "the server closed the connection", now: now)
            } else if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR {
                return events
            } else {
                return events + drop(reason: String(cString: strerror(errno)), now: now)
            }
        }
    }

    /// Sends a command request, remembering which command the answer belongs to.
    func send(_ command: AdminCommand) -> [SourceEvent] {
        guard socket != nil, reader.hello != nil else {
            return [.requestFailed("not connected to the server: \(command.rawValue) not sent")]
        }
        let id = request(.command(command))
        pending[id] = command
        return []
    }

    /// Hangs up.
    func close() { hangUp() }

    private func dial(now: Double) -> [SourceEvent] {
        let events: [SourceEvent] = [.connecting(target: address.label)]
        switch address.connect() {
        case .failure(let error):
            return events + schedule(reason: error.message, now: now)
        case .success(let fd):
            socket = fd
            reader = AdminClientReader()
            if case .tcp(_, _, let tokenFile) = address {
                guard let token = Self.readToken(tokenFile) else {
                    hangUp()
                    return events + schedule(reason: "cannot read the token file \(tokenFile)", now: now)
                }
                write(AdminToken.encodedLine(token: token))
            }
            return events
        }
    }

    private func handle(_ message: AdminServerMessage) -> [SourceEvent] {
        switch message {
        case .hello(let hello):
            backoff = 1
            // History first (what the graphs missed), then the live stream.
            request(.history(from: newestTime.map { $0 + 0.001 }, to: nil))
            request(.subscribe(intervalSeconds: intervalSeconds, sessions: sessions))
            return [.attached(hello)]
        case .snapshot(_, let snapshot):
            note([snapshot])
            return [.snapshots([snapshot])]
        case .history(_, let snapshots, _):
            note(snapshots)
            return snapshots.isEmpty ? [] : [.history(snapshots)]
        case .result(let id, let result):
            pending[id] = nil
            return [.result(result)]
        case .error(let error):
            if let id = error.requestID { pending[id] = nil }
            return [.requestFailed("\(error.message) (\(error.code))")]
        }
    }

    private func note(_ snapshots: [MetricsSnapshot]) {
        for snapshot in snapshots where snapshot.time > newestTime ?? -.infinity { newestTime = snapshot.time }
    }

    @discardableResult
    private func request(_ kind: AdminRequest.Kind) -> Int {
        let id = nextID
        nextID += 1
        write(AdminRequest(id: id, kind: kind).encodedLine())
        return id
    }

    /// Writes a whole line; requests are small, so waiting briefly for room is enough.
    private func write(_ bytes: [UInt8]) {
        guard let socket else { return }
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count > 0 {
                offset += count
            } else if count < 0, errno == EAGAIN || errno == EINTR {
                var waiter = pollfd(fd: socket, events: Int16(POLLOUT), revents: 0)
                _ = poll(&waiter, 1, 1_000)
            } else {
                return
            }
        }
    }

    private func drop(reason: String, now: Double) -> [SourceEvent] {
        hangUp()
        let lost = pending.count
        pending.removeAll()
        var events = schedule(reason: reason, now: now)
        if lost > 0 { events.insert(.requestFailed("connection lost before the server answered"), at: 0) }
        return events
    }

    private func schedule(reason: String, now: Double) -> [SourceEvent] {
        let wait = backoff
        retryAt = now + wait
        backoff = min(10, backoff * 2)
        return [.disconnected(reason: reason, retryIn: wait)]
    }

    private func hangUp() {
        if let socket { Glibc.close(socket) }
        socket = nil
    }

    private static func readToken(_ path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4_096)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count <= 0 { break }
            bytes += chunk[0..<count]
        }
        let token = String(decoding: bytes, as: UTF8.self).trimmedOfWhitespace()
        return token.isEmpty ? nil : token
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line ends.
    func trimmedOfWhitespace() -> String {
        let set: Set<Character> = [" ", "\t", "\r", "\n", "\r\n"]
        var slice = self[...]
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
