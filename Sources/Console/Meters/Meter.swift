import ProfileKit

/// A figure mudtop charts: what it reads from a snapshot, how it is written and scaled. Meters
/// compute; `MeterView` draws them all alike (htop's Meter split). A new meter is one small file
/// adding a static member, plus its line in `Meter.all`.
struct Meter: Sendable {
    /// The label at the left (at most 8 characters).
    let label: String
    /// How values are written and how the axis is rounded.
    let unit: MeterUnit
    /// The smallest axis top, so a quiet server does not fill the graph with noise.
    let minimumScale: Double
    /// The colour role of the bar and graph.
    let style: CellStyle
    /// The figure in a snapshot.
    let value: @Sendable (MetricsSnapshot) -> Double

    /// Every meter, top to bottom.
    static let all: [Meter] = [.cpuUser, .cpuSystem, .memory, .commandsPerSecond, .lagP50, .lagP99, .executorLag]

    /// The axis top for `values`: the largest, rounded up to a round number, never below the minimum.
    func scale(for values: some Sequence<Double>) -> Double {
        let peak = values.reduce(minimumScale) { Swift.max($0, $1.isFinite ? $1 : 0) }
        return unit.roundUp(peak)
    }
}

/// How a meter's numbers are written and its axis rounded.
enum MeterUnit: Sendable {
    /// Percent of one core.
    case percent
    /// Bytes, in binary units.
    case bytes
    /// Events per second.
    case rate
    /// Seconds, written as a duration.
    case seconds

    /// `value` as the screen writes it (at most 9 characters).
    func format(_ value: Double) -> String {
        switch self {
        case .percent: MetricsFormat.percent(value)
        case .bytes: MetricsFormat.bytes(Int(value.rounded()))
        case .rate: MetricsFormat.decimal(value) + "/s"
        case .seconds: MetricsFormat.duration(value)
        }
    }

    /// An axis top at or above `value`: 1, 2 or 5 times a power of ten, or a power of two for bytes.
    func roundUp(_ value: Double) -> Double {
        guard value > 0, value.isFinite else { return 1 }
        if case .bytes = self {
            var top = 1024.0
            while top < value { top *= 2 }
            return top
        }
        var decade = 1e-6
        while decade * 10 <= value { decade *= 10 }
        for step in [1.0, 2, 5, 10] where decade * step >= value { return decade * step }
        return decade * 10
    }
}
