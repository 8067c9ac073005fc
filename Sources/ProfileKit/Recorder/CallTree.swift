/// One thread's calling-context tree and stack: the state a `ThreadRecorder` mutates under its lock.
///
/// Node 0 is the root (no site). Every other node is one distinct path of sites from the root and
/// keeps how often that path was entered and exited and the ticks spent in it (inclusive). A node's
/// own time is its inclusive time minus its children's, which is cProfile's `tt - subt`, summed.
/// Nodes are only appended, so a parent's index is always below its children's.
struct CallTree {
    /// One open scope on the stack.
    struct Frame: Sendable {
        /// The scope's node, or -1 when the scope was folded (node cap reached).
        var node: Int32
        /// The clock reading at entry.
        var start: Int64
        /// False for a frame entered only to attribute work to another thread's context: its time
        /// counts, its call does not.
        var countsCall = true
    }

    private(set) var sites: [Int32] = [-1]
    private(set) var parents: [Int32] = [-1]
    /// Calls and inclusive ticks per node, side by side so an exit touches one array.
    private(set) var counters: [NodeCounters] = [NodeCounters()]
    private var index = ChildIndex()
    private(set) var stack: [Frame] = []
    /// The current recording epoch; tokens of other epochs are stale.
    private(set) var epoch: UInt32 = 1
    /// Whether enters are recorded (set under the lock by start and stop).
    var recording = false
    /// Scopes entered but folded into their parent because the node cap was reached.
    private(set) var foldedCalls: Int64 = 0
    /// Ticks spent in the outermost folded scopes (already part of their parents' own time).
    private(set) var foldedTicks: Int64 = 0
    /// Outermost folded scopes that had no parent scope, and their ticks: they appear in the profile
    /// as the function `FunctionKey.foldedPastNodeCap`.
    private(set) var rootFoldedCalls: Int64 = 0
    private(set) var rootFoldedTicks: Int64 = 0
    /// Scopes recorded since the last reset (for the overhead estimate).
    private(set) var scopeCalls: Int64 = 0

    /// Nodes in the tree, root excluded.
    var nodeCount: Int { sites.count - 1 }

    /// Bytes held by the tree's arrays and index, by capacity.
    var memoryBytes: Int {
        sites.capacity * 4 + parents.capacity * 4 + counters.capacity * MemoryLayout<NodeCounters>.stride
            + index.slotCount * 4 + stack.capacity * MemoryLayout<Frame>.stride
    }

    /// Opens a scope at `site` at time `now`.
    @inline(__always)
    mutating func enter(site: Int32, now: Int64, control: RecorderControl) -> ScopeToken {
        guard recording else { return .unrecorded }
        let depth = Int32(truncatingIfNeeded: stack.count)
        push(site: site, now: now, countsCall: true, control: control)
        return ScopeToken(depth: depth, epoch: epoch)
    }

    /// Opens the scopes of `context` (time counted, calls not), then a scope at `site`; the token
    /// closes them all.
    mutating func enter(site: Int32, context: ProfileContext, now: Int64, control: RecorderControl) -> ScopeToken {
        guard recording else { return .unrecorded }
        let depth = Int32(truncatingIfNeeded: stack.count)
        for outer in context.sites {
            push(site: outer, now: now, countsCall: false, control: control)
        }
        push(site: site, now: now, countsCall: true, control: control)
        return ScopeToken(depth: depth, epoch: epoch)
    }

    @inline(__always)
    private mutating func push(site: Int32, now: Int64, countsCall: Bool, control: RecorderControl) {
        scopeCalls &+= 1
        let parent = stack.last?.node ?? 0
        if parent < 0 {
            foldedCalls &+= 1
            stack.append(Frame(node: -1, start: now, countsCall: countsCall))
            return
        }
        let node: Int32
        if let found = index.find(parent: parent, site: site, parents: parents, sites: sites) {
            node = found
        } else if control.takeNode() {
            node = addNode(parent: parent, site: site, nodeCapacity: control.nodeCapacity)
        } else {
            foldedCalls &+= 1
            node = -1
        }
        stack.append(Frame(node: node, start: now, countsCall: countsCall))
    }

    /// The sites of the open scopes, outermost first, up to the first folded one.
    var context: ProfileContext {
        var sites: [Int32] = []
        sites.reserveCapacity(stack.count)
        for frame in stack {
            guard frame.node >= 0 else { break }
            sites.append(self.sites[Int(frame.node)])
        }
        return ProfileContext(sites: sites)
    }

    /// Closes the scope of `token` (and any scope left open above it) at time `now`.
    @inline(__always)
    mutating func exit(_ token: ScopeToken, now: Int64) {
        guard token.epoch == epoch else { return }
        let depth = Int(token.depth)
        while stack.count > depth {
            close(stack.removeLast(), now: now)
        }
    }

    @inline(__always)
    private mutating func close(_ frame: Frame, now: Int64) {
        let elapsed = now &- frame.start
        if frame.node >= 0 {
            let node = Int(frame.node)
            counters[node].add(elapsed: elapsed, countsCall: frame.countsCall)
        } else if let parent = stack.last {
            if parent.node >= 0 { foldedTicks &+= elapsed }
        } else {
            foldedTicks &+= elapsed
            rootFoldedCalls &+= 1
            rootFoldedTicks &+= elapsed
        }
    }

    /// Epoch 0 is reserved for `ScopeToken.unrecorded`.
    private mutating func nextEpoch() {
        epoch &+= 1
        if epoch == 0 { epoch = 1 }
    }

    private mutating func addNode(parent: Int32, site: Int32, nodeCapacity: Int) -> Int32 {
        let node = Int32(sites.count)
        if sites.count == sites.capacity { grow(nodeCapacity: nodeCapacity) }
        sites.append(site)
        parents.append(parent)
        counters.append(NodeCounters())
        index.insert(node: node, parent: parent, site: site, count: sites.count,
                     parents: parents, sites: sites)
        return node
    }

    /// Doubles the node arrays together, in powers of two and never past the cap (plus the root),
    /// so a full tree holds what `ProfilerConfiguration.bytesPerNode` promises. Left to themselves
    /// the arrays would double from whatever size the allocator first gave them.
    private mutating func grow(nodeCapacity: Int) {
        var target = 16
        while target <= sites.count { target <<= 1 }
        target = min(target, nodeCapacity + 1)
        sites.reserveCapacity(target)
        parents.reserveCapacity(target)
        counters.reserveCapacity(target)
    }

    /// Closes every open scope at `now`, as cProfile's `disable()` does, and starts a new epoch so
    /// their later exits are ignored.
    mutating func flush(now: Int64) {
        while let frame = stack.popLast() { close(frame, now: now) }
        nextEpoch()
    }

    /// Forgets everything recorded; open scopes are dropped and their exits ignored. Returns the
    /// number of nodes freed.
    mutating func reset() -> Int {
        let freed = nodeCount
        sites.removeSubrange(1...)
        parents.removeSubrange(1...)
        counters.removeSubrange(1...)
        index.removeAll()
        stack.removeAll(keepingCapacity: true)
        nextEpoch()
        foldedCalls = 0
        foldedTicks = 0
        rootFoldedCalls = 0
        rootFoldedTicks = 0
        scopeCalls = 0
        return freed
    }

    /// A copy of the tree and its open scopes as of `now`. Copying is cheap (the arrays are shared
    /// until either side writes), so the lock is held briefly; close the open scopes with
    /// `ThreadTreeSnapshot.closingOpenScopes()` outside it.
    func snapshot(now: Int64) -> ThreadTreeSnapshot {
        ThreadTreeSnapshot(sites: sites, parents: parents, counters: counters,
                           openScopes: stack, now: now, foldedCalls: foldedCalls,
                           foldedTicks: foldedTicks, rootFoldedCalls: rootFoldedCalls,
                           rootFoldedTicks: rootFoldedTicks, scopeCalls: scopeCalls, memoryBytes: memoryBytes)
    }
}
