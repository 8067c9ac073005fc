#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// printf-style number formatting, exactly as C and Python's `%` operator round (half-even on the
/// exact binary value), which the reference tools' outputs depend on.
enum CFormat {
    /// `"%.<digits>f" % x`.
    static func fixed(_ x: Double, digits: Int) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        let format = "%.\(digits)f"
        var capacity = 64
        while true {
            let result: String? = withUnsafeTemporaryAllocation(of: CChar.self, capacity: capacity) { buffer in
                let written = withVaList([x]) { vsnprintf(buffer.baseAddress!, capacity, format, $0) }
                guard written >= 0, Int(written) < capacity else { return nil }
                return String(decoding: UnsafeRawBufferPointer(start: buffer.baseAddress!, count: Int(written)),
                              as: UTF8.self)
            }
            if let result { return result }
            capacity *= 8
        }
    }

    /// `"%d" % int(x)`: a double truncated toward zero, printed in full even beyond `Int`'s range.
    static func truncatedInteger(_ x: Double) -> String {
        let t = x.rounded(.towardZero)
        if let exact = Int(exactly: t) { return String(exact) }
        return fixed(t, digits: 0)
    }
}
