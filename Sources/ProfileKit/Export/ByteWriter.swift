/// An output buffer of UTF-8 bytes for the exporters: appending text and decimal integers without
/// building intermediate strings keeps large exports fast.
struct ByteWriter {
    /// The bytes written so far.
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends a string's UTF-8 bytes.
    @inline(__always)
    mutating func write(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Appends a static ASCII string.
    @inline(__always)
    mutating func write(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends bytes.
    @inline(__always)
    mutating func write(_ raw: [UInt8]) {
        bytes.append(contentsOf: raw)
    }

    /// Appends a slice of bytes.
    @inline(__always)
    mutating func write(_ raw: ArraySlice<UInt8>) {
        bytes.append(contentsOf: raw)
    }

    /// Appends one byte.
    @inline(__always)
    mutating func write(byte: UInt8) {
        bytes.append(byte)
    }

    /// Appends an integer in decimal.
    mutating func write(_ n: Int) {
        if n < 0 { bytes.append(UInt8(ascii: "-")) }
        var m = n.magnitude
        if m < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(m))
            return
        }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes, enough for 20 digits
        let count = withUnsafeMutableBytes(of: &digits) { buffer -> Int in
            var i = buffer.count
            while m > 0 {
                i -= 1
                buffer[i] = UInt8(ascii: "0") + UInt8(m % 10)
                m /= 10
            }
            bytes.append(contentsOf: buffer[i...])
            return buffer.count - i
        }
        _ = count
    }
}
