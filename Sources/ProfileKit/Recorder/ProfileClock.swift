#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CCycleCounter

/// The time source of a recorder: integer ticks plus the length of one tick in seconds.
///
/// This is cProfile's model (`Profile(timer=…, timeunit=…)`): times are summed as integers and
/// multiplied by `secondsPerTick` only when a profile is written, so a profile built from the same
/// readings as cProfile has bit-identical times.
public struct ProfileClock: Sendable {
    private enum Source: Sendable {
        case monotonic
        case cycleCounter
        case processCPUTime
        case manual(ManualClock)
        case custom(@Sendable () -> Int64)
    }

    private let source: Source
    /// The length of one tick in seconds (cProfile's `timeunit`; 1e-9 for the system clocks).
    public let secondsPerTick: Double

    /// Monotonic wall time (`CLOCK_MONOTONIC`) in nanoseconds: the default.
    public static let monotonic = ProfileClock(source: .monotonic, secondsPerTick: 1e-9)

    /// Wall time from the CPU's invariant cycle counter (RDTSC on x86-64, CNTVCT_EL0 on AArch64),
    /// its rate calibrated once per process against `CLOCK_MONOTONIC` over about 20 ms. Reading it
    /// costs about 9 ns here against about 22 ns for `CLOCK_MONOTONIC`; nil when the CPU has no
    /// invariant counter. Ticks are counter cycles, so times are `cycles * secondsPerTick`.
    public static let cycleCounter: ProfileClock? = {
        guard mudscope_cycle_counter_is_invariant() != 0 else { return nil }
        return CycleCounterCalibration.measure().map {
            ProfileClock(source: .cycleCounter, secondsPerTick: $0)
        }
    }()

    /// The wall clock a profiler uses by default: `cycleCounter` where the CPU has an invariant one,
    /// else `monotonic`. Both measure monotonic wall time.
    public static var wall: ProfileClock { cycleCounter ?? monotonic }

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
        case .cycleCounter: Int64(truncatingIfNeeded: mudscope_cycle_counter())
        case .processCPUTime: Self.read(CLOCK_PROCESS_CPUTIME_ID)
        case .manual(let clock): clock.now
        case .custom(let read): read()
        }
    }

    /// A short name for reports: `monotonic`, `cycle-counter`, `process-cpu`, `manual` or `custom`.
    public var name: String {
        switch source {
        case .monotonic: "monotonic"
        case .cycleCounter: "cycle-counter"
        case .processCPUTime: "process-cpu"
        case .manual: "manual"
        case .custom: "custom"
        }
    }

    @inline(__always)
    static func read(_ id: clockid_t) -> Int64 {
        var time = timespec()
        clock_gettime(id, &time)
        return Int64(time.tv_sec) &* 1_000_000_000 &+ Int64(time.tv_nsec)
    }
}
