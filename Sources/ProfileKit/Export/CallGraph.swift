/// A profile seen from both sides: every function with the calls into it and out of it.
///
/// pstats stores callers; exports need callees. Caller keys that are not functions of the profile
/// (hand-made files; cProfile never writes them) become extra nodes after the profile's functions,
/// flagged `isOrphan`, so no edge is lost.
struct CallGraph {
    /// One call from `caller` to `callee` (node indices) with pstats' edge numbers.
    typealias Call = IndexedCalls.Call

    /// The profile's functions, then orphan callers.
    var keys: [FunctionKey]
    /// The profile's function records (their callers may not be decoded: `calls` has them);
    /// orphan nodes have none.
    var functions: [FunctionStats]
    /// Every call, grouped by callee in profile order, callers in the profile's caller order.
    var calls: [Call]
    /// For each function, the indices into `calls` of the calls into it.
    var incoming: [Range<Int>]
    /// The indices into `calls` of every node's calls, node after node (callees in `sortedFunctions`' order);
    /// node `n`'s are `outgoingCalls[outgoingStart[n]..<outgoingStart[n + 1]]`.
    private var outgoingCalls: [Int]
    private var outgoingStart: [Int]

    /// The indices into `calls` of a node's calls, callees in `sortedFunctions`' order.
    func outgoing(_ node: Int) -> ArraySlice<Int> {
        outgoingCalls[outgoingStart[node]..<outgoingStart[node + 1]]
    }

    /// Number of nodes that are real functions of the profile.
    var functionCount: Int { functions.count }

    /// True for a node that only appears as a caller.
    func isOrphan(_ node: Int) -> Bool { node >= functions.count }

    /// Ids of every node's file and name, made on demand (a DOT export needs none): the profile's
    /// own, or hashed anew when orphan callers add nodes.
    func nameIDs(of profile: Profile) -> KeyNameIDs {
        keys.count == functions.count ? profile.nameIDs : KeyNameIDs(keys)
    }

    /// The function nodes in the order each node's outgoing calls list their callees.
    let sortedFunctions: [Int]

    /// The call graph of a profile; each node's outgoing calls list their callees in `calleeOrder`
    /// (a permutation of the function indices), or in profile order.
    init(_ profile: Profile, calleeOrder: [Int]? = nil) {
        functions = profile.summaries
        let indexed = profile.indexedCalls
        keys = functions.map(\.key) + indexed.orphanKeys
        calls = indexed.calls
        incoming = indexed.incoming
        sortedFunctions = calleeOrder ?? Array(functions.indices)
        // Group the calls by caller, taking callees in order (a counting sort).
        var start = [Int](repeating: 0, count: keys.count + 1)
        for call in calls { start[call.caller + 1] += 1 }
        for i in 0..<keys.count { start[i + 1] += start[i] }
        var next = start
        var grouped = [Int](repeating: 0, count: calls.count)
        for callee in sortedFunctions {
            for i in incoming[callee] {
                let caller = calls[i].caller
                grouped[next[caller]] = i
                next[caller] += 1
            }
        }
        outgoingStart = start
        outgoingCalls = grouped
    }

    /// For each node, the id of its strongly connected component: functions that call each other,
    /// directly or through others, share one (Tarjan's algorithm, iterative for deep graphs).
    func componentIDs() -> [Int] {
        let n = keys.count
        var order = [Int](repeating: -1, count: n)
        var low = [Int](repeating: 0, count: n)
        var onStack = [Bool](repeating: false, count: n)
        var component = [Int](repeating: -1, count: n)
        var stack: [Int] = []
        var counter = 0
        var components = 0
        for root in 0..<n where order[root] < 0 {
            var work: [(node: Int, next: Int)] = [(root, 0)]
            order[root] = counter; low[root] = counter; counter += 1
            stack.append(root); onStack[root] = true
            while let top = work.last {
                let edges = outgoing(top.node)
                if top.next < edges.count {
                    work[work.count - 1].next += 1
                    let w = calls[edges[edges.startIndex + top.next]].callee
                    if order[w] < 0 {
                        order[w] = counter; low[w] = counter; counter += 1
                        stack.append(w); onStack[w] = true
                        work.append((w, 0))
                    } else if onStack[w] {
                        low[top.node] = min(low[top.node], order[w])
                    }
                    continue
                }
                work.removeLast()
                if let parent = work.last { low[parent.node] = min(low[parent.node], low[top.node]) }
                if low[top.node] == order[top.node] {
                    while let w = stack.popLast() {
                        onStack[w] = false
                        component[w] = components
                        if w == top.node { break }
                    }
                    components += 1
                }
            }
        }
        return component
    }
}
