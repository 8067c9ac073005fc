/// A frozen copy of one thread's tree.
struct ThreadTreeSnapshot: Sendable {
    var sites: [Int32]
    var parents: [Int32]
    var counters: [NodeCounters]
    /// Scopes still open when the copy was taken, outermost first.
    var openScopes: [CallTree.Frame]
    /// The clock reading the copy was taken at.
    var now: Int64
    var foldedCalls: Int64
    var foldedTicks: Int64
    var rootFoldedCalls: Int64
    var rootFoldedTicks: Int64
    var scopeCalls: Int64
    var memoryBytes: Int

    /// The copy with every open scope counted as exited at `now`, as cProfile's `disable()` counts
    /// the functions still on the stack.
    func closingOpenScopes() -> ThreadTreeSnapshot {
        var copy = self
        for (level, frame) in openScopes.enumerated() {
            let elapsed = now &- frame.start
            if frame.node >= 0 {
                copy.counters[Int(frame.node)].add(elapsed: elapsed, countsCall: frame.countsCall)
            } else if level == 0 {
                copy.foldedTicks &+= elapsed
                copy.rootFoldedCalls &+= 1
                copy.rootFoldedTicks &+= elapsed
            } else if openScopes[level - 1].node >= 0 {
                copy.foldedTicks &+= elapsed
            }
        }
        copy.openScopes = []
        return copy
    }
}

/// What a node has counted: completed calls and the ticks spent in them, children included.
struct NodeCounters: Sendable {
    var calls: Int64 = 0
    var inclusive: Int64 = 0

    @inline(__always)
    mutating func add(elapsed: Int64, countsCall: Bool) {
        if countsCall { calls &+= 1 }
        inclusive &+= elapsed
    }
}
