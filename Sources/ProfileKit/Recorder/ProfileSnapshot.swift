/// What a `Profiler` had recorded at one moment, merged over all threads: the source of the pstats
/// `Profile`, the folded stacks, and the recorder's own bookkeeping (memory, folding, overhead).
public struct ProfileSnapshot: Sendable {
    /// Threads (recorders) merged.
    public let threadCount: Int
    /// Calling-context nodes held by all thread trees (the number the cap applies to).
    public let nodeCount: Int
    /// The node cap of the profiler.
    public let nodeCapacity: Int
    /// Bytes held by all thread trees (array and index capacity).
    public let memoryBytes: Int
    /// Scopes entered after the node cap was reached, whose time went into their parent's own time.
    public let foldedCalls: Int
    /// Seconds spent in the outermost folded scopes (already included in their parents' own time).
    public let foldedSeconds: Double
    /// Scopes recorded (entered while recording) since the last reset, folded ones included.
    public let scopeCalls: Int
    /// The recorder's measured cost per scope, if it was calibrated at `start()`.
    public let overhead: RecorderOverhead?
    /// The length of one clock tick in seconds.
    public let secondsPerTick: Double
    /// The clock the times were read from (`ProfileClock.name`).
    public let clockName: String

    private let tree: MergedCallTree
    private let keys: [FunctionKey]

    init(threads: [ThreadTreeSnapshot], keys: [FunctionKey], clock: ProfileClock, nodeCapacity: Int,
         overhead: RecorderOverhead?) {
        let secondsPerTick = clock.secondsPerTick
        clockName = clock.name
        threadCount = threads.count
        nodeCount = threads.reduce(0) { $0 + $1.sites.count - 1 }
        self.nodeCapacity = nodeCapacity
        memoryBytes = threads.reduce(0) { $0 + $1.memoryBytes }
        foldedCalls = Int(threads.reduce(Int64(0)) { $0 &+ $1.foldedCalls })
        foldedSeconds = Double(threads.reduce(Int64(0)) { $0 &+ $1.foldedTicks }) * secondsPerTick
        scopeCalls = Int(threads.reduce(Int64(0)) { $0 &+ $1.scopeCalls })
        self.overhead = overhead
        self.secondsPerTick = secondsPerTick
        self.keys = keys
        tree = MergedCallTree(threads: threads, keys: keys)
    }

    /// The recorder's estimated cost in seconds: scopes recorded times the calibrated cost per scope.
    public var estimatedOverheadSeconds: Double? {
        overhead.map { Double(scopeCalls) * $0.nanosecondsPerScope * 1e-9 }
    }

    /// Distinct calling contexts after merging the threads.
    public var mergedNodeCount: Int { tree.nodeCount }

    /// The pstats profile, with cProfile's semantics; `profile().pstatsData()` is a `.prof` file.
    /// Every caller is also a function of the profile.
    public func profile() -> Profile {
        tree.profile(keys: keys, secondsPerTick: secondsPerTick)
    }

    /// The full stacks in folded form (`a;b;c 1234`, own time in microseconds), sorted.
    public func foldedStacks() -> String {
        tree.foldedStacks(keys: keys, secondsPerTick: secondsPerTick)
    }
}
