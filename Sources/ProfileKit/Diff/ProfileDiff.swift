/// The per-function change between a base profile and a new one (`profstats --diff BASE.prof`):
/// calls, self time (tottime) and cumulative time, with functions that appeared or vanished marked.
///
/// Entries are ordered by the size of the change: largest absolute cumtime change first, then
/// tottime, then calls; ties keep the new profile's order, vanished functions after in the base's
/// order. The command line may reorder or restrict `entries` and render the result.
public struct ProfileDiff: Sendable {
    /// How a function differs between the two profiles.
    public enum Status: String, Sendable, CaseIterable {
        /// Only in the new profile.
        case new
        /// Only in the base profile.
        case vanished
        /// In both, with different numbers.
        case changed
        /// In both, with the same numbers.
        case unchanged
    }

    /// A function's numbers in one profile.
    public struct Numbers: Sendable, Equatable {
        /// All calls (`nc`).
        public var calls: Int
        /// Non-recursive calls (`cc`).
        public var primitiveCalls: Int
        /// Self time in seconds (`tt`).
        public var selfTime: Double
        /// Cumulative time in seconds (`ct`).
        public var cumulativeTime: Double

        /// The numbers of a function record.
        public init(_ f: FunctionStats) {
            calls = f.calls
            primitiveCalls = f.primitiveCalls
            selfTime = f.selfTime
            cumulativeTime = f.cumulativeTime
        }

        /// Zero everywhere: a function's numbers in a profile that lacks it.
        public init() { calls = 0; primitiveCalls = 0; selfTime = 0; cumulativeTime = 0 }
    }

    /// One function's change.
    public struct Entry: Sendable {
        /// The function.
        public var key: FunctionKey
        /// Its numbers in the base profile; nil when it is new.
        public var base: Numbers?
        /// Its numbers in the new profile; nil when it vanished.
        public var new: Numbers?

        /// New, vanished, changed or unchanged.
        public var status: Status {
            switch (base, new) {
            case (nil, _): .new
            case (_, nil): .vanished
            case let (b?, n?): b == n ? .unchanged : .changed
            }
        }

        /// new - base, absent counting as zero.
        public var change: (calls: Int, primitiveCalls: Int, selfTime: Double, cumulativeTime: Double) {
            let b = base ?? Numbers(), n = new ?? Numbers()
            return (n.calls &- b.calls, n.primitiveCalls &- b.primitiveCalls,
                    n.selfTime - b.selfTime, n.cumulativeTime - b.cumulativeTime)
        }

        /// The change in percent of the base value; nil when the base value is zero or absent.
        public var percentChange: (calls: Double?, selfTime: Double?, cumulativeTime: Double?) {
            guard let b = base else { return (nil, nil, nil) }
            let c = change
            func percent(_ delta: Double, _ of: Double) -> Double? { of == 0 ? nil : delta / of * 100 }
            return (percent(Double(c.calls), Double(b.calls)), percent(c.selfTime, b.selfTime),
                    percent(c.cumulativeTime, b.cumulativeTime))
        }
    }

    /// The base profile's totals.
    public var baseTotals: ProfileTotals
    /// The new profile's totals.
    public var newTotals: ProfileTotals
    /// Every function of either profile, largest change first.
    public var entries: [Entry]

    /// Compares `new` against `base`; totals default to the profiles' own sums.
    public init(base: Profile, new: Profile, baseTotals: ProfileTotals? = nil, newTotals: ProfileTotals? = nil) {
        self.baseTotals = baseTotals ?? ProfileTotals(base)
        self.newTotals = newTotals ?? ProfileTotals(new)
        let baseFunctions = base.functions, newFunctions = new.functions
        var entries: [Entry] = []
        entries.reserveCapacity(newFunctions.count)
        for f in newFunctions {
            entries.append(Entry(key: f.key, base: base.index(of: f.key).map { Numbers(baseFunctions[$0]) }, new: Numbers(f)))
        }
        for f in baseFunctions where new.index(of: f.key) == nil {
            entries.append(Entry(key: f.key, base: Numbers(f), new: nil))
        }
        // Stable sort on magnitudes: ties keep the order built above.
        let ranked = entries.enumerated().map { (i, e) -> (Int, Double, Double, UInt) in
            let c = e.change
            return (i, abs(c.cumulativeTime), abs(c.selfTime), c.calls.magnitude)
        }.sorted { a, b in
            if a.1 != b.1 { return a.1 > b.1 }
            if a.2 != b.2 { return a.2 > b.2 }
            if a.3 != b.3 { return a.3 > b.3 }
            return a.0 < b.0
        }
        self.entries = ranked.map { entries[$0.0] }
    }
}
