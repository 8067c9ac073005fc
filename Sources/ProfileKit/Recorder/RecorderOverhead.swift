#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The recorder's own cost per scope (one enter/exit pair), measured when recording starts.
///
/// Every recorded scope adds about this much time to the wall time of the program, and a good part
/// of it lands in the time of the scope's parent; `ProfileSnapshot.estimatedOverheadSeconds`
/// multiplies it by the scopes recorded.
public struct RecorderOverhead: Sendable, Equatable {
    /// The median cost of one enter/exit pair, in nanoseconds of monotonic time.
    public var nanosecondsPerScope: Double
    /// The pairs timed (over five runs; fewer than asked for when the clock is slow to read).
    public var pairs: Int
    /// The clock the recorder reads (`ProfileClock.name`).
    public var clockName: String

    /// Times up to `pairs` enter/exit pairs with `clock` on a scratch recorder (five runs of at
    /// most about 2 ms each, median); nil when `pairs` is 0.
    static func measure(clock: ProfileClock, pairs: Int) -> RecorderOverhead? {
        guard pairs > 0 else { return nil }
        let control = RecorderControl(clock: clock, nodeCapacity: 16)
        control.recording.store(true, ordering: .relaxed)
        let recorder = ThreadRecorder(name: "calibration", control: control, recording: true)
        let outer = ProfileSite(key: .builtin("<profiler calibration>"))
        let inner = ProfileSite(key: .builtin("<profiler calibration inner>"))
        let root = recorder.enter(outer)
        // A short probe first, so a dear clock (process CPU time: a system call per read) does not
        // turn `start()` into a long pause: each run is kept to about 2 ms.
        let probePairs = 1_000
        let probeStart = monotonicNanoseconds()
        for _ in 0..<probePairs { recorder.exit(recorder.enter(inner)) }
        let probe = max(1, Double(monotonicNanoseconds() - probeStart) / Double(probePairs))
        let perRun = max(1, min(pairs / 5, Int(2_000_000 / probe)))
        var runs: [Double] = []
        for _ in 0..<5 {
            let start = monotonicNanoseconds()
            for _ in 0..<perRun {
                recorder.exit(recorder.enter(inner))
            }
            runs.append(Double(monotonicNanoseconds() - start) / Double(perRun))
        }
        recorder.exit(root)
        runs.sort()
        return RecorderOverhead(nanosecondsPerScope: runs[2], pairs: perRun * 5, clockName: clock.name)
    }

    private static func monotonicNanoseconds() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}
