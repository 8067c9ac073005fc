/// The calling-context trees of all threads merged path by path, children in Python key order.
///
/// Merging is by path of sites from the root, so a node's calls and times are the sums of the
/// same path on every thread. Output built from it does not depend on which thread registered first.
struct MergedCallTree: Sendable {
    /// Site id per node; node 0 is the root (-1).
    private(set) var sites: [Int32] = [-1]
    /// Parent per node (-1 for the root).
    private(set) var parents: [Int32] = [-1]
    /// Completed scopes per node.
    private(set) var calls: [Int64] = [0]
    /// Ticks per node including its children.
    private(set) var inclusive: [Int64] = [0]
    /// Ticks per node in the node itself: inclusive minus the children's inclusive.
    private(set) var ownTicks: [Int64] = [0]
    /// Children of node `n` are `childList[childStart[n] ..< childStart[n + 1]]`.
    /// Outermost folded scopes without a parent scope, over all threads, and their ticks.
    private(set) var rootFoldedCalls: Int64 = 0
    private(set) var rootFoldedTicks: Int64 = 0
    private var childStart: [Int] = []
    private var childList: [Int32] = []

    /// Merges `threads`; `keys` (indexed by site id) orders siblings.
    init(threads: [ThreadTreeSnapshot], keys: [FunctionKey]) {
        var lookup: [UInt64: Int32] = [:]
        lookup.reserveCapacity(threads.map { $0.sites.count }.max() ?? 0)
        for thread in threads {
            rootFoldedCalls &+= thread.rootFoldedCalls
            rootFoldedTicks &+= thread.rootFoldedTicks
            var mapped = [Int32](repeating: 0, count: thread.sites.count)
            for node in thread.sites.indices.dropFirst() {
                let parent = mapped[Int(thread.parents[node])]
                let site = thread.sites[node]
                let key = UInt64(UInt32(bitPattern: parent)) << 32 | UInt64(UInt32(bitPattern: site))
                let merged: Int32
                if let existing = lookup[key] {
                    merged = existing
                } else {
                    merged = Int32(sites.count)
                    lookup[key] = merged
                    sites.append(site)
                    parents.append(parent)
                    calls.append(0)
                    inclusive.append(0)
                }
                calls[Int(merged)] &+= thread.counters[node].calls
                inclusive[Int(merged)] &+= thread.counters[node].inclusive
                mapped[node] = merged
            }
        }
        ownTicks = inclusive
        var childCount = [Int](repeating: 0, count: sites.count + 1)
        for node in sites.indices.dropFirst() {
            let parent = Int(parents[node])
            ownTicks[parent] &-= inclusive[node]
            childCount[parent] += 1
        }
        childStart = [Int](repeating: 0, count: sites.count + 1)
        for node in sites.indices { childStart[node + 1] = childStart[node] + childCount[node] }
        childList = [Int32](repeating: 0, count: sites.count)
        var fill = childStart
        for node in sites.indices.dropFirst() {
            let parent = Int(parents[node])
            childList[fill[parent]] = Int32(node)
            fill[parent] += 1
        }
        // Rank the sites once in Python key order, so sorting siblings compares integers.
        var rank = [Int32](repeating: 0, count: keys.count)
        for (position, site) in FunctionKey.pythonOrder(of: keys).enumerated() {
            rank[site] = Int32(position)
        }
        let sites = self.sites
        for node in sites.indices where childCount[node] > 1 {
            childList[childStart[node]..<childStart[node + 1]].sort { a, b in
                rank[Int(sites[Int(a)])] < rank[Int(sites[Int(b)])]
            }
        }
        // The root's own time is not a function's; it is whatever the roots' children did not cover.
        ownTicks[0] = 0
    }

    /// Nodes, root excluded.
    var nodeCount: Int { sites.count - 1 }

    /// The children of `node`, in Python key order.
    func children(of node: Int) -> ArraySlice<Int32> {
        childList[childStart[node]..<childStart[node + 1]]
    }

    /// Visits every node but the root in pre-order: `enter(node, depth)` before its children,
    /// `leave(node)` after them. Iterative, so deep recursion in the profiled code is no problem.
    func walk(enter: (Int, Int) -> Void, leave: (Int) -> Void) {
        var stack: [(node: Int, next: Int)] = [(0, childStart[0])]
        while !stack.isEmpty {
            let top = stack.count - 1
            let (node, next) = stack[top]
            if next < childStart[node + 1] {
                stack[top].next = next + 1
                let child = Int(childList[next])
                enter(child, stack.count)
                stack.append((child, childStart[child]))
            } else {
                stack.removeLast()
                if node != 0 { leave(node) }
            }
        }
    }
}
