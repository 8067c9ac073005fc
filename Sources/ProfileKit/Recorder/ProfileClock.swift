#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The time source of a recorder: integer ticks plus the length of one tick in seconds.
///
/// This is cProfile's model (`Profile(timer=…, timeunit=…)`): times are summed as integers and
/// multiplied by `secondsPerTick` only when a profile is written, so a profile built from the same
/// readings as cProfile has bit-identical times.
public struct ProfileClock: Sendable {
    private enum Source: Sendable {
        case monotonic
        case processCPUTime
        case manual(ManualClock)
        case custom(@Sendable () -> Int64)
    }

    private let source: Source
    /// The length of one tick in seconds (cProfile's `timeunit`; 1e-9 for the system clocks).
    public let secondsPerTick: Double

    /// Monotonic wall time (`CLOCK_MONOTONIC`) in nanoseconds: the default.
    public static let monotonic = ProfileClock(source: .monotonic, secondsPerTick: 1e-9)

    /// CPU time of the whole process (`CLOCK_PROCESS_CPUTIME_ID`) in nanoseconds. Time spent
    /// waiting (I/O, locks, sleep) does not count. About 20 times dearer to read than `monotonic`
    /// on Linux (a system call instead of the vDSO).
    public static let processCPUTime = ProfileClock(source: .processCPUTime, secondsPerTick: 1e-9)

    /// A clock read from a `ManualClock`; one tick is `secondsPerTick` seconds.
    public static func manual(_ clock: ManualClock, secondsPerTick: Double = 1e-9) -> ProfileClock {
        ProfileClock(source: .manual(clock), secondsPerTick: secondsPerTick)
    }

    /// A clock read by calling `read`, which must not decrease; one tick is `secondsPerTick` seconds.
    public static func custom(secondsPerTick: Double, _ read: @escaping @Sendable () -> Int64) -> ProfileClock {
        ProfileClock(source: .custom(read), secondsPerTick: secondsPerTick)
    }

    /// The current reading in ticks.
    @inline(__always)
    public func now() -> Int64 {
        switch source {
        case .monotonic: Self.read(CLOCK_MONOTONIC)
        case .processCPUTime: Self.read(CLOCK_PROCESS_CPUTIME_ID)
        case .manual(let clock): clock.now
        case .custom(let read): read()
        }
    }

    /// A short name for reports: `monotonic`, `process-cpu`, `manual` or `custom`.
    public var name: String {
        switch source {
        case .monotonic: "monotonic"
        case .processCPUTime: "process-cpu"
        case .manual: "manual"
        case .custom: "custom"
        }
    }

    @inline(__always)
    private static func read(_ id: clockid_t) -> Int64 {
        var time = timespec()
        clock_gettime(id, &time)
        return Int64(time.tv_sec) &* 1_000_000_000 &+ Int64(time.tv_nsec)
    }
}
