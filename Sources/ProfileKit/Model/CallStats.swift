/// The numbers pstats keeps for one caller -> callee edge.
///
/// In a `.prof` file an edge is stored as `(nc, cc, tt, ct)`: total calls first. Keep that order in
/// mind, it is the reverse of the function tuple's.
public struct EdgeStats: Equatable, Sendable {
    /// All calls along this edge (`nc`).
    public var calls: Int
    /// Calls along this edge that were not recursive (`cc`).
    public var primitiveCalls: Int
    /// Time spent in the callee itself on behalf of this caller, in seconds (`tt`).
    public var selfTime: Double
    /// Time in the callee and below on behalf of this caller, outermost level only (`ct`).
    public var cumulativeTime: Double

    /// Makes an edge record.
    public init(calls: Int, primitiveCalls: Int, selfTime: Double, cumulativeTime: Double) {
        self.calls = calls
        self.primitiveCalls = primitiveCalls
        self.selfTime = selfTime
        self.cumulativeTime = cumulativeTime
    }

    /// Element-wise sum, as `pstats.add_callers` adds two edges.
    public static func + (a: EdgeStats, b: EdgeStats) -> EdgeStats {
        EdgeStats(calls: a.calls &+ b.calls, primitiveCalls: a.primitiveCalls &+ b.primitiveCalls,
                  selfTime: a.selfTime + b.selfTime, cumulativeTime: a.cumulativeTime + b.cumulativeTime)
    }
}

/// One caller of a function and the edge's numbers.
public struct CallerEdge: Equatable, Sendable {
    /// The calling function. It need not be a function of the profile (hand-made files).
    public var caller: FunctionKey
    /// The edge's numbers.
    public var stats: EdgeStats

    /// Makes a caller entry.
    public init(caller: FunctionKey, stats: EdgeStats) {
        self.caller = caller
        self.stats = stats
    }
}

/// Everything a profile knows about one function: pstats' `(cc, nc, tt, ct, callers)`.
public struct FunctionStats: Equatable, Sendable {
    /// The function.
    public var key: FunctionKey
    /// Calls that were not recursive (`cc`, the "primitive" calls).
    public var primitiveCalls: Int
    /// All calls (`nc`).
    public var calls: Int
    /// Time in the function itself, in seconds (`tt`).
    public var selfTime: Double
    /// Time in the function and everything it called, outermost level only, in seconds (`ct`).
    public var cumulativeTime: Double
    /// The callers in the order the profile lists them.
    public var callers: [CallerEdge]

    /// Makes a function record.
    public init(key: FunctionKey, primitiveCalls: Int, calls: Int, selfTime: Double,
                cumulativeTime: Double, callers: [CallerEdge] = []) {
        self.key = key
        self.primitiveCalls = primitiveCalls
        self.calls = calls
        self.selfTime = selfTime
        self.cumulativeTime = cumulativeTime
        self.callers = callers
    }

    /// True when some calls were recursive (pstats prints `nc/cc`).
    public var isRecursive: Bool { calls != primitiveCalls }
}
