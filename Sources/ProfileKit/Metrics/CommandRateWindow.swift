/// The last 60 intervals' command counts and lengths, for commands/s over 1, 10 and 60 seconds.
struct CommandRateWindow: Sendable {
    private var counts: [Int] = []
    private var seconds: [Double] = []
    private var next = 0
    static let capacity = 60

    /// Adds an interval.
    mutating func append(count: Int, seconds length: Double) {
        if counts.count < Self.capacity {
            counts.append(count)
            seconds.append(length)
        } else {
            counts[next] = count
            seconds[next] = length
        }
        next = (next + 1) % Self.capacity
    }

    /// Commands per second over the newest intervals covering about `window` seconds (at least the
    /// newest interval; fewer when the server is younger than the window).
    func rate(over window: Double) -> Double {
        var total = 0
        var elapsed = 0.0
        var index = next
        for _ in 0..<counts.count {
            index = (index - 1 + counts.count) % counts.count
            if elapsed > 0 && elapsed + seconds[index] > window + 1e-6 { break }
            total += counts[index]
            elapsed += seconds[index]
        }
        return elapsed > 0 ? Double(total) / elapsed : 0
    }
}
