/// How a `Profiler` records: its clock, its memory budget and its overhead calibration.
public struct ProfilerConfiguration: Sendable {
    /// Bytes one calling-context node costs: 24 for the node record (site and parent as 32-bit
    /// ids, calls and inclusive ticks as 64-bit counters) and 8 for its share of the child index
    /// (32-bit slots, kept between a quarter and half full, so 8 to 16 bytes). The arrays grow by
    /// doubling, so a tree that has not reached its cap may hold up to twice its nodes' worth.
    public static let bytesPerNode = 32

    /// The default node cap, shared by all threads: 2,097,151 nodes. With the root that is 2^21
    /// node records (48 MiB) and a 2^22-slot index (16 MiB): 64 MiB at the cap.
    public static let defaultNodeCapacity = 64 * 1024 * 1024 / bytesPerNode - 1

    /// The time source.
    public var clock: ProfileClock
    /// The most calling-context nodes all thread trees together may hold. A new context beyond it
    /// is folded into its parent: its time stays in the parent's own time and it is counted in
    /// `ProfileSnapshot.foldedCalls`.
    public var nodeCapacity: Int
    /// The most enter/exit pairs timed on a scratch tree at each `start()` to estimate the
    /// recorder's own cost per scope (the calibration stops after about 10 ms); 0 skips it.
    public var calibrationPairs: Int

    /// A configuration; the defaults are wall time (`ProfileClock.wall`), a 64 MiB tree and
    /// 200,000 calibration pairs.
    public init(clock: ProfileClock = .wall,
                nodeCapacity: Int = ProfilerConfiguration.defaultNodeCapacity,
                calibrationPairs: Int = 200_000) {
        precondition(nodeCapacity >= 1 && nodeCapacity < Int(Int32.max), "nodeCapacity out of range")
        precondition(calibrationPairs >= 0, "calibrationPairs must not be negative")
        self.clock = clock
        self.nodeCapacity = nodeCapacity
        self.calibrationPairs = calibrationPairs
    }
}
