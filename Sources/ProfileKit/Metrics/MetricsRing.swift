/// The last `capacity` snapshots in time order: the server's history for mudtop's attach and the
/// admin `history` request. One hour at one per second is 3,600; the default keeps 3,900.
public struct MetricsRing: Sendable {
    /// The most snapshots kept; older ones are dropped first.
    public let capacity: Int
    private var storage: [MetricsSnapshot] = []
    private var oldest = 0

    /// A ring for `capacity` (at least 1) snapshots.
    public init(capacity: Int = 3_900) {
        precondition(capacity > 0, "a ring needs room for one snapshot")
        self.capacity = capacity
        storage.reserveCapacity(min(capacity, 4_096))
    }

    /// Snapshots held.
    public var count: Int { storage.count }

    /// The newest snapshot.
    public var latest: MetricsSnapshot? {
        storage.isEmpty ? nil : storage[(oldest + storage.count - 1) % storage.count]
    }

    /// Adds a snapshot, dropping the oldest when full.
    public mutating func append(_ snapshot: MetricsSnapshot) {
        if storage.count < capacity {
            storage.append(snapshot)
        } else {
            storage[oldest] = snapshot
            oldest = (oldest + 1) % capacity
        }
    }

    /// All snapshots, oldest first.
    public var snapshots: [MetricsSnapshot] {
        Array(storage[oldest...]) + Array(storage[..<oldest])
    }

    /// The snapshots whose `time` lies in `from...to` (Unix seconds), oldest first. A wall clock
    /// that stepped back can leave times out of order; each snapshot is tested on its own.
    public func snapshots(from: Double, to: Double) -> [MetricsSnapshot] {
        guard from <= to else { return [] }
        return snapshots.filter { $0.time >= from && $0.time <= to }
    }

    /// The newest `limit` snapshots, oldest first.
    public func newest(_ limit: Int) -> [MetricsSnapshot] {
        Array(snapshots.suffix(max(0, limit)))
    }
}
