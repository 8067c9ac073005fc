/// Holds replies until the changes that produced them are committed (the group-commit rule).
///
/// Entries leave in the order they were added, so a reply never overtakes an earlier one.
struct Outbox<Delivery> {
    private var entries: [(sequence: UInt64, deliveries: [Delivery])] = []
    private var head = 0
    /// The highest writer sequence known committed.
    private(set) var committed: UInt64 = 0

    /// An empty outbox.
    init() {}

    /// Adds deliveries that wait for writer batch `sequence` (0: no change, ready once earlier ones are).
    mutating func add(_ deliveries: [Delivery], after sequence: UInt64) -> [Delivery] {
        guard !deliveries.isEmpty || sequence > committed else { return [] }
        // Nothing waits and nothing to wait for (most commands change nothing): they go now, as
        // they are, without a trip through the queue.
        if head == entries.count && sequence <= committed { return deliveries }
        entries.append((sequence, deliveries))
        return release()
    }

    /// Records a commit and returns what may now be sent.
    mutating func commit(upTo sequence: UInt64) -> [Delivery] {
        committed = max(committed, sequence)
        return release()
    }

    /// How many entries wait for a commit.
    var waiting: Int { entries.count - head }

    private mutating func release() -> [Delivery] {
        var ready: [Delivery] = []
        while head < entries.count, entries[head].sequence <= committed {
            ready.append(contentsOf: entries[head].deliveries)
            head += 1
        }
        if head == entries.count {
            entries.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 64 && head * 2 > entries.count {
            entries.removeFirst(head)
            head = 0
        }
        return ready
    }
}
