import Synchronization

/// Counts open connections per address and refuses those over the cap.
final class ConnectionLimiter: Sendable {
    private let counts = Mutex<[String: Int]>([:])
    /// Connections allowed per address.
    let limit: Int

    /// A limiter allowing `limit` connections per address.
    init(limit: Int) {
        self.limit = limit
    }

    /// Takes a slot for `address`; false if it already has `limit` connections.
    func acquire(_ address: String) -> Bool {
        counts.withLock { counts in
            let current = counts[address, default: 0]
            guard current < limit else { return false }
            counts[address] = current + 1
            return true
        }
    }

    /// Gives back a slot taken with `acquire`.
    func release(_ address: String) {
        counts.withLock { counts in
            let remaining = counts[address, default: 1] - 1
            counts[address] = remaining > 0 ? remaining : nil
        }
    }

    /// Total open connections counted.
    var total: Int { counts.withLock { $0.values.reduce(0, +) } }
}
