#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CCycleCounter

/// Measures the cycle counter's tick length against `CLOCK_MONOTONIC`.
enum CycleCounterCalibration {
    /// Seconds per counter tick, from two (monotonic, counter) pairs about 20 ms apart; nil if the
    /// counter does not advance.
    static func measure() -> Double? {
        let first = pair()
        var pause = timespec(tv_sec: 0, tv_nsec: 20_000_000)
        var remaining = timespec()
        while nanosleep(&pause, &remaining) != 0 { pause = remaining }
        let second = pair()
        let ticks = second.ticks &- first.ticks
        let nanoseconds = second.nanoseconds - first.nanoseconds
        guard ticks > 0, nanoseconds > 0 else { return nil }
        return Double(nanoseconds) * 1e-9 / Double(ticks)
    }

    /// A counter reading and a monotonic reading taken as close together as a few tries allow.
    private static func pair() -> (nanoseconds: Int64, ticks: UInt64) {
        var best: (gap: UInt64, nanoseconds: Int64, ticks: UInt64) = (.max, 0, 0)
        for _ in 0..<16 {
            let before = mudscope_cycle_counter()
            let nanoseconds = ProfileClock.read(CLOCK_MONOTONIC)
            let after = mudscope_cycle_counter()
            let gap = after &- before
            if gap < best.gap { best = (gap, nanoseconds, before &+ gap / 2) }
        }
        return (best.nanoseconds, best.ticks)
    }
}
