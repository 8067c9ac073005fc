/// Turning a calling-context tree into pstats' per-function and per-edge numbers, with cProfile's
/// semantics (CPython `Modules/_lsprof.c`, `Stop()` and `profiler_getstats`):
///
/// - `nc` counts every call; a call is primitive (`cc`) when the function is not already on the
///   stack, i.e. no ancestor node is the same function.
/// - `tt` is the time in the function itself (`tt - subt` per call, summed).
/// - `ct` counts a call's inclusive time only at the outermost level of that function.
/// - An edge `caller -> callee` counts its calls, own time and inclusive time the same way, with
///   "recursive" meaning the same caller->callee pair is already open further up the stack.
///
/// Every function with a node is listed, so every caller is a function of the profile. Only scopes
/// entered as another thread's context (`ThreadRecorder.enter(_:in:)`) add time without calls; a
/// function or edge can show 0 calls only if its calls were never recorded on its own thread (for
/// instance, they were folded past the node cap).
///
/// Scopes folded past the node cap with no parent scope to fold into appear as one root function,
/// `FunctionKey.foldedPastNodeCap`, so the profile's total time stays the time recorded.
///
/// In a calling-context tree these conditions are properties of a node's path, so each node adds its
/// summed calls and ticks to its function and edge at once. Ticks are summed as integers and
/// multiplied by the tick length at the end, as `_lsprof` does, so times are bit-identical to
/// cProfile's for the same clock readings.
extension MergedCallTree {
    /// The per-function stats. Functions appear in the order of their first node in a pre-order
    /// walk, and each function's callers in the order their edges are first met.
    func profile(keys: [FunctionKey], secondsPerTick: Double) -> Profile {
        var accumulator = StatsAccumulator(siteCount: keys.count)
        var activeFunctions = [Int32](repeating: 0, count: keys.count)
        var activeEdges: [UInt64: Int32] = [:]

        walk(enter: { node, depth in
            let site = Int(sites[node])
            let outermost = activeFunctions[site] == 0
            accumulator.addCall(site: site, calls: calls[node], own: ownTicks[node],
                                inclusive: inclusive[node], outermost: outermost)
            activeFunctions[site] += 1
            guard depth > 1 else { return }
            let edge = Self.edgeKey(caller: sites[Int(parents[node])], callee: sites[node])
            let active = activeEdges[edge, default: 0]
            accumulator.addEdgeCall(edge, callee: site, calls: calls[node], own: ownTicks[node],
                                    inclusive: inclusive[node], outermost: active == 0)
            activeEdges[edge] = active + 1
        }, leave: { node in
            let site = Int(sites[node])
            activeFunctions[site] -= 1
            guard parents[node] != 0 else { return }
            let edge = Self.edgeKey(caller: sites[Int(parents[node])], callee: sites[node])
            activeEdges[edge, default: 1] -= 1
        })
        var profile = accumulator.profile(keys: keys, secondsPerTick: secondsPerTick)
        if rootFoldedCalls > 0 {
            let seconds = Double(rootFoldedTicks) * secondsPerTick
            profile.set(FunctionStats(key: .foldedPastNodeCap, primitiveCalls: Int(rootFoldedCalls),
                                      calls: Int(rootFoldedCalls), selfTime: seconds, cumulativeTime: seconds))
        }
        return profile
    }

    static func edgeKey(caller: Int32, callee: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: caller)) << 32 | UInt64(UInt32(bitPattern: callee))
    }
}

/// Integer sums per function and per edge, in first-seen order.
private struct StatsAccumulator {
    struct Counts {
        var calls: Int64 = 0
        var recursiveCalls: Int64 = 0
        var ownTicks: Int64 = 0
        var outermostTicks: Int64 = 0

        mutating func add(calls: Int64, own: Int64, inclusive: Int64, outermost: Bool) {
            self.calls &+= calls
            ownTicks &+= own
            if outermost { outermostTicks &+= inclusive } else { recursiveCalls &+= calls }
        }
    }

    var functions: [Counts]
    var seen: [Bool]
    var functionOrder: [Int] = []
    var edges: [Counts] = []
    var edgeCallers: [Int32] = []
    var edgeIndex: [UInt64: Int] = [:]
    /// Edge indices per callee site, in first-seen order.
    var callerEdges: [[Int]]

    init(siteCount: Int) {
        functions = Array(repeating: Counts(), count: siteCount)
        seen = Array(repeating: false, count: siteCount)
        callerEdges = Array(repeating: [], count: siteCount)
    }

    mutating func addCall(site: Int, calls: Int64, own: Int64, inclusive: Int64, outermost: Bool) {
        if !seen[site] {
            seen[site] = true
            functionOrder.append(site)
        }
        functions[site].add(calls: calls, own: own, inclusive: inclusive, outermost: outermost)
    }

    mutating func addEdgeCall(_ edge: UInt64, callee: Int, calls: Int64, own: Int64, inclusive: Int64,
                              outermost: Bool) {
        let at: Int
        if let existing = edgeIndex[edge] {
            at = existing
        } else {
            at = edges.count
            edgeIndex[edge] = at
            edges.append(Counts())
            edgeCallers.append(Int32(truncatingIfNeeded: edge >> 32))
            callerEdges[callee].append(at)
        }
        edges[at].add(calls: calls, own: own, inclusive: inclusive, outermost: outermost)
    }

    func profile(keys: [FunctionKey], secondsPerTick: Double) -> Profile {
        var profile = Profile()
        for site in functionOrder {
            let counts = functions[site]
            let callers = callerEdges[site].map { at -> CallerEdge in
                let edge = edges[at]
                return CallerEdge(caller: keys[Int(edgeCallers[at])], stats: EdgeStats(
                    calls: Int(edge.calls), primitiveCalls: Int(edge.calls - edge.recursiveCalls),
                    selfTime: Double(edge.ownTicks) * secondsPerTick,
                    cumulativeTime: Double(edge.outermostTicks) * secondsPerTick))
            }
            profile.set(FunctionStats(
                key: keys[site], primitiveCalls: Int(counts.calls - counts.recursiveCalls),
                calls: Int(counts.calls), selfTime: Double(counts.ownTicks) * secondsPerTick,
                cumulativeTime: Double(counts.outermostTicks) * secondsPerTick, callers: callers))
        }
        return profile
    }
}

extension FunctionKey {
    /// The function that stands for top-level scopes folded because the node cap was reached.
    public static let foldedPastNodeCap = FunctionKey.builtin("<folded past node cap>")
}
