/// Least-significant-digit radix sort of positions by 64-bit keys.
enum RadixSort {
    /// The positions 0..<keys.count ordered by key, equal keys in position order (stable).
    static func stableOrder(_ keys: [UInt64]) -> [Int] {
        let n = keys.count
        var order = [Int32](0..<Int32(n))
        var buffer = [Int32](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: 256)
        keys.withUnsafeBufferPointer { keys in
            order.withUnsafeMutableBufferPointer { order in
                buffer.withUnsafeMutableBufferPointer { buffer in
                    counts.withUnsafeMutableBufferPointer { counts in
                        var source = order, target = buffer
                        var shift: UInt64 = 0
                        while shift < 64 {
                            for i in 0..<256 { counts[i] = 0 }
                            for k in keys { counts[Int((k >> shift) & 0xff)] += 1 }
                            // A byte that is the same in every key reorders nothing.
                            if counts.contains(n) {
                                shift += 8
                                continue
                            }
                            var total = 0
                            for i in 0..<256 {
                                let c = counts[i]
                                counts[i] = total
                                total += c
                            }
                            for p in source {
                                let digit = Int((keys[Int(p)] >> shift) & 0xff)
                                target[counts[digit]] = p
                                counts[digit] += 1
                            }
                            swap(&source, &target)
                            shift += 8
                        }
                        if source.baseAddress != order.baseAddress {
                            _ = order.update(fromContentsOf: source)
                        }
                    }
                }
            }
        }
        return order.map(Int.init)
    }
}
