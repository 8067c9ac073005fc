/// The totals pstats prints above its tables ("N function calls (P primitive calls) in T seconds"),
/// which the JSON and diff outputs carry too.
public struct ProfileTotals: Sendable, Equatable {
    /// All calls, summed over functions.
    public var calls: Int128
    /// Primitive (non-recursive) calls, summed over functions.
    public var primitiveCalls: Int128
    /// Self time summed over functions, in seconds.
    public var time: Double
    /// Number of functions.
    public var functionCount: Int

    /// Totals given directly (a merged `StatsSession` passes its own, summed file by file as pstats
    /// does).
    public init(calls: Int128, primitiveCalls: Int128, time: Double, functionCount: Int) {
        self.calls = calls
        self.primitiveCalls = primitiveCalls
        self.time = time
        self.functionCount = functionCount
    }

    /// A profile's totals, summed in profile order as pstats' `get_top_level_stats` does (the float
    /// sum depends on that order).
    public init(_ profile: Profile) {
        var calls: Int128 = 0, primitive: Int128 = 0, time = 0.0
        for function in profile.functions {
            calls += Int128(function.calls)
            primitive += Int128(function.primitiveCalls)
            time += function.selfTime
        }
        self.init(calls: calls, primitiveCalls: primitive, time: time, functionCount: profile.count)
    }
}
