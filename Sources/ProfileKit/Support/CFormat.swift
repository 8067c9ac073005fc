#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// printf-style number formatting through the C library, which rounds exactly as Python's `%`
/// operator does (correctly rounded, half to even on the binary value).
public enum CFormat {
    /// `"%8.3f" % x`, pstats' `f8`.
    public static func f8(_ x: Double) -> String { fixed(x, width: 8, precision: 3) }

    /// `"%W.Pf" % x`.
    public static func fixed(_ x: Double, width: Int = 0, precision: Int) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
            let format = "%*.*f"
            let needed = withVaList([Int32(width), Int32(precision), x]) { args in
                vsnprintf(buffer.baseAddress, 64, format, args)
            }
            if needed < 64 {
                return String(decoding: UnsafeRawBufferPointer(start: buffer.baseAddress, count: Int(needed)),
                              as: UTF8.self)
            }
            // Huge values: let the C library size the text.
            var large = [CChar](repeating: 0, count: Int(needed) + 1)
            _ = withVaList([Int32(width), Int32(precision), x]) { args in
                vsnprintf(&large, large.count, format, args)
            }
            return String(decoding: large.prefix(Int(needed)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }
}
