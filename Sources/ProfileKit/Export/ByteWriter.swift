/// Where an exporter's bytes go, piece by piece, as they are made.
public typealias ByteSink = (UnsafeBufferPointer<UInt8>) -> Void

/// An output buffer of UTF-8 bytes for the exporters: text, raw bytes and decimal integers are
/// copied straight into memory it owns, without intermediate strings or arrays. An exporter that
/// streams drains it into a `ByteSink` whenever it passes a chunk size, so a large output never
/// sits in memory whole.
struct ByteWriter: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// The number of bytes held (written since the last drain).
    private(set) var count = 0

    /// The size at which `drain(ifOver:into:)` callers usually hand bytes on: a quarter MiB stays
    /// in cache while the file system copies it.
    static let chunkSize = 1 << 18

    init(capacity: Int = 0) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Calls `body` with the bytes held.
    func withBuffer<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        body(buffer)
    }

    private var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    /// Hands the bytes held to `sink` and starts empty again.
    mutating func drain(into sink: ByteSink) {
        if count > 0 { sink(buffer) }
        count = 0
    }

    /// `drain(into:)` once at least `limit` bytes are held.
    @inline(__always)
    mutating func drain(ifOver limit: Int, into sink: ByteSink) {
        if count >= limit { drain(into: sink) }
    }

    @inline(__always)
    private mutating func reserve(_ n: Int) {
        if capacity - count < n { grow(to: count + n) }
    }

    @inline(never)
    private mutating func grow(to needed: Int) {
        let larger = max(capacity * 2, needed)
        let new = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        new.initialize(from: base, count: count)
        base.deallocate()
        base = new
        capacity = larger
    }

    /// Appends bytes from memory the caller keeps alive.
    @inline(__always)
    mutating func write(_ raw: UnsafeBufferPointer<UInt8>) {
        guard let source = raw.baseAddress else { return }
        reserve(raw.count)
        (base + count).initialize(from: source, count: raw.count)
        count += raw.count
    }

    /// Appends a string's UTF-8 bytes.
    @inline(__always)
    mutating func write(_ text: String) {
        var text = text
        text.withUTF8 { write($0) }
    }

    /// Appends a static ASCII string.
    @inline(__always)
    mutating func write(_ text: StaticString) {
        write(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends one byte.
    @inline(__always)
    mutating func write(byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    /// Appends an integer in decimal.
    mutating func write(_ n: Int) {
        reserve(20)  // "-9223372036854775808"
        var m = n.magnitude
        if n < 0 {
            base[count] = UInt8(ascii: "-")
            count += 1
        }
        if m < 10 {
            base[count] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: m)
            count += 1
            return
        }
        var at = count + Self.decimalDigits(m)
        count = at
        let pairs = Self.digitPairs.utf8Start
        while m >= 100 {
            let pair = Int(m % 100) &* 2
            m /= 100
            at -= 2
            base[at] = pairs[pair]
            base[at + 1] = pairs[pair + 1]
        }
        if m >= 10 {
            base[at - 2] = pairs[Int(m) &* 2]
            base[at - 1] = pairs[Int(m) &* 2 + 1]
        } else {
            base[at - 1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: m)
        }
    }

    /// "00", "01", … "99", for writing two digits at a time.
    private static let digitPairs: StaticString = """
        00010203040506070809101112131415161718192021222324252627282930313233343536373839\
        40414243444546474849505152535455565758596061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899
        """

    /// The number of decimal digits of `m`.
    @inline(__always)
    private static func decimalDigits(_ m: UInt) -> Int {
        var digits = 1
        var rest = m
        while rest >= 10_000 {
            rest /= 10_000
            digits += 4
        }
        if rest >= 1000 { return digits + 3 }
        if rest >= 100 { return digits + 2 }
        if rest >= 10 { return digits + 1 }
        return digits
    }
}
