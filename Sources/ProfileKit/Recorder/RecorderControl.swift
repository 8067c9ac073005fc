import Synchronization

/// What a profiler's thread recorders share: the clock, the on/off switch and the node budget.
@usableFromInline
final class RecorderControl: Sendable {
    /// The time source.
    let clock: ProfileClock
    /// The node cap over all threads.
    let nodeCapacity: Int
    /// True while recording; read without a lock on every enter as the fast "profiler off" path.
    @usableFromInline let recording = Atomic<Bool>(false)
    /// Nodes in use over all thread trees (roots excluded).
    let nodesInUse = Atomic<Int>(0)

    init(clock: ProfileClock, nodeCapacity: Int) {
        self.clock = clock
        self.nodeCapacity = nodeCapacity
    }

    /// Takes one node from the budget; false when the cap is reached.
    @inline(__always)
    func takeNode() -> Bool {
        let after = nodesInUse.wrappingAdd(1, ordering: .relaxed).newValue
        if after <= nodeCapacity { return true }
        nodesInUse.wrappingSubtract(1, ordering: .relaxed)
        return false
    }

    /// Gives `count` nodes back to the budget.
    func returnNodes(_ count: Int) {
        nodesInUse.wrappingSubtract(count, ordering: .relaxed)
    }
}
