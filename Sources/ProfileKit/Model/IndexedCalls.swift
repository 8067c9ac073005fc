/// A profile's calls with both ends as node numbers: what call-graph exports walk.
///
/// Nodes are the profile's functions in order, then callers that are not functions of the profile
/// (hand-made files; cProfile never writes them), numbered in the order they first appear.
/// A profile fresh from the fast decoder builds this straight from its interned key ids, without
/// decoding caller lists or hashing a key per edge.
struct IndexedCalls {
    /// One call from `caller` to `callee` (node numbers) with pstats' edge numbers.
    struct Call {
        var caller: Int
        var callee: Int
        var stats: EdgeStats
    }

    /// Every call, grouped by callee in profile order, each callee's callers in the file's order.
    var calls: [Call] = []
    /// For each function, the indices into `calls` of the calls into it.
    var incoming: [Range<Int>] = []
    /// The keys of the caller-only nodes, numbered from the profile's function count.
    var orphanKeys: [FunctionKey] = []

    init() {}

    /// The calls of functions whose callers are decoded; `position` finds a key among them.
    init(_ functions: [FunctionStats], position: (FunctionKey) -> Int?) {
        var orphans: [FunctionKey: Int] = [:]
        calls.reserveCapacity(functions.reduce(0) { $0 + $1.callers.count })
        incoming.reserveCapacity(functions.count)
        for (callee, function) in functions.enumerated() {
            let start = calls.count
            for edge in function.callers {
                let caller: Int
                if let known = position(edge.caller) ?? orphans[edge.caller] {
                    caller = known
                } else {
                    caller = functions.count + orphanKeys.count
                    orphans[edge.caller] = caller
                    orphanKeys.append(edge.caller)
                }
                calls.append(Call(caller: caller, callee: callee, stats: edge.stats))
            }
            incoming.append(start..<calls.count)
        }
    }

    /// True when both hold the same calls, ranges and orphan keys, times compared bit for bit (so a
    /// damaged file's NaN times compare too): how the fast decoder's graph is checked against the
    /// general reader's.
    func isIdentical(to other: IndexedCalls) -> Bool {
        incoming == other.incoming && orphanKeys == other.orphanKeys && calls.count == other.calls.count
            && zip(calls, other.calls).allSatisfy { a, b in
                a.caller == b.caller && a.callee == b.callee && a.stats.calls == b.stats.calls
                    && a.stats.primitiveCalls == b.stats.primitiveCalls
                    && a.stats.selfTime.bitPattern == b.stats.selfTime.bitPattern
                    && a.stats.cumulativeTime.bitPattern == b.stats.cumulativeTime.bitPattern
            }
    }
}
