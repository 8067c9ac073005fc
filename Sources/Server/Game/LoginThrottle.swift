/// Counts failed logins per address in a sliding window (Evennia's LOGIN_THROTTLE_LIMIT).
struct LoginThrottle {
    /// Failures allowed within `window` seconds.
    let limit: Int
    /// The window in seconds.
    let window: Double
    private var failures: [String: [Double]] = [:]

    /// A throttle allowing `limit` failures per `window` seconds per address.
    init(limit: Int, window: Double) {
        self.limit = limit
        self.window = window
    }

    /// Seconds until `address` may try again, or nil if it may try now.
    mutating func wait(for address: String, now: Double) -> Double? {
        let recent = (failures[address] ?? []).filter { now - $0 < window }
        failures[address] = recent.isEmpty ? nil : recent
        guard recent.count >= limit, let oldest = recent.first else { return nil }
        return max(0, oldest + window - now)
    }

    /// Records a failed login from `address`.
    mutating func recordFailure(from address: String, now: Double) {
        var recent = (failures[address] ?? []).filter { now - $0 < window }
        recent.append(now)
        failures[address] = Array(recent.suffix(limit))
    }
}
