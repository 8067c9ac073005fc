#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The two times metrics need: a monotonic clock for intervals and deadlines, and the wall clock
/// that stamps snapshots. Injected, so tests move time by hand.
public struct MetricsClock: Sendable {
    private let monotonic: @Sendable () -> Int64
    private let wall: @Sendable () -> Double

    /// A clock from a monotonic reading in nanoseconds and a wall reading in Unix seconds.
    public init(monotonicNanoseconds: @escaping @Sendable () -> Int64, unixSeconds: @escaping @Sendable () -> Double) {
        self.monotonic = monotonicNanoseconds
        self.wall = unixSeconds
    }

    /// `CLOCK_MONOTONIC` and `CLOCK_REALTIME`.
    public static let system = MetricsClock(
        monotonicNanoseconds: { ProfileClock.read(CLOCK_MONOTONIC) },
        unixSeconds: { Double(ProfileClock.read(CLOCK_REALTIME)) / 1e9 })

    /// A clock that moves only when `clock` (nanoseconds) is advanced; the wall clock reads
    /// `epoch` plus the same elapsed time.
    public static func manual(_ clock: ManualClock, epoch: Double) -> MetricsClock {
        MetricsClock(monotonicNanoseconds: { clock.now }, unixSeconds: { epoch + Double(clock.now) / 1e9 })
    }

    /// Monotonic nanoseconds.
    public func nanoseconds() -> Int64 { monotonic() }

    /// Seconds since the Unix epoch.
    public func unixSeconds() -> Double { wall() }
}
