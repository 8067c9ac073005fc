import Testing
@testable import ProfileKit

@Suite("MetricsRing")
struct MetricsRingTests {
    static func snapshot(_ second: Int) -> MetricsSnapshot {
        var snapshot = MetricsFixtures.busySnapshot
        snapshot.sequence = second
        snapshot.time = 1_764_000_000 + Double(second)
        return snapshot
    }

    @Test("the default ring holds more than an hour at one snapshot a second")
    func holdsAnHour() {
        var ring = MetricsRing()
        #expect(ring.capacity >= 3_600)
        for second in 0..<5_000 { ring.append(Self.snapshot(second)) }
        #expect(ring.count == ring.capacity)
        #expect(ring.snapshots.map(\.sequence) == Array((5_000 - ring.capacity)..<5_000))
        #expect(ring.latest?.sequence == 4_999)
        let lastHour = ring.snapshots(from: 1_764_000_000 + 1_400, to: 1_764_000_000 + 4_999)
        #expect(lastHour.count == 3_600)
        #expect(lastHour.first?.sequence == 1_400)
    }

    @Test("range queries are inclusive, ordered, and empty when out of range or reversed")
    func ranges() {
        var ring = MetricsRing(capacity: 5)
        #expect(ring.latest == nil)
        for second in 0..<8 { ring.append(Self.snapshot(second)) }
        let base = 1_764_000_000.0
        #expect(ring.snapshots(from: base + 4, to: base + 6).map(\.sequence) == [4, 5, 6])
        #expect(ring.snapshots(from: base, to: base + 2).isEmpty, "0...2 were dropped")
        #expect(ring.snapshots(from: base, to: base + 3).map(\.sequence) == [3], "3 is the oldest kept")
        #expect(ring.snapshots(from: base + 6, to: base + 4).isEmpty)
        #expect(ring.snapshots(from: -.infinity, to: .infinity).map(\.sequence) == [3, 4, 5, 6, 7])
        #expect(ring.newest(2).map(\.sequence) == [6, 7])
        #expect(ring.newest(99).count == 5)
    }
}
