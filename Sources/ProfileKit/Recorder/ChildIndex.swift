/// An open-addressing hash index from `(parent node, site)` to child node, so finding the node of a
/// scope costs one multiply and usually one probe.
///
/// Slots hold `node + 1` (0 is empty); the table is a power of two and kept at most half full. The
/// key is compared through the tree's own `parent` and `site` arrays, so a slot costs 4 bytes.
struct ChildIndex {
    private var slots: [UInt32]
    private var mask: Int
    private var shift: UInt64

    /// An index with room for `capacity` entries before it grows.
    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: 0, count: size)
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    /// The number of slots (for memory accounting).
    var slotCount: Int { slots.count }

    @inline(__always)
    private func home(parent: Int32, site: Int32) -> Int {
        let key = UInt64(UInt32(bitPattern: parent)) << 32 | UInt64(UInt32(bitPattern: site))
        return Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The child of `parent` for `site`, or nil.
    @inline(__always)
    func find(parent: Int32, site: Int32, parents: [Int32], sites: [Int32]) -> Int32? {
        var at = home(parent: parent, site: site)
        while true {
            let slot = slots[at]
            if slot == 0 { return nil }
            let node = Int(slot - 1)
            if sites[node] == site && parents[node] == parent { return Int32(node) }
            at = (at + 1) & mask
        }
    }

    /// Records `node` as the child of `parent` for `site`; `count` is the number of entries after it.
    mutating func insert(node: Int32, parent: Int32, site: Int32, count: Int, parents: [Int32], sites: [Int32]) {
        if count * 2 > slots.count { grow(parents: parents, sites: sites, upTo: Int(node)) }
        place(node: node, parent: parent, site: site)
    }

    private mutating func place(node: Int32, parent: Int32, site: Int32) {
        var at = home(parent: parent, site: site)
        while slots[at] != 0 { at = (at + 1) & mask }
        slots[at] = UInt32(node + 1)
    }

    private mutating func grow(parents: [Int32], sites: [Int32], upTo limit: Int) {
        self = ChildIndex(capacity: slots.count)
        // Node 0 is the root and has no parent; every other node below `limit` is already in the tree.
        for node in 1..<max(limit, 1) {
            place(node: Int32(node), parent: parents[node], site: sites[node])
        }
    }

    /// Empties the index, keeping its size.
    mutating func removeAll() {
        for i in slots.indices { slots[i] = 0 }
    }
}
