/// Python's `repr()` for the values pstats prints in its messages.
public enum PythonRepr {
    /// `repr(str)`: single quotes unless the text has a single quote and no double one; backslash,
    /// the quote, `\t \n \r` escaped; characters Python does not count as printable as `\xNN`,
    /// `\uNNNN` or `\UNNNNNNNN`.
    public static func string(_ s: String) -> String {
        let scalars = s.unicodeScalars
        let quote: Unicode.Scalar = scalars.contains("'") && !scalars.contains("\"") ? "\"" : "'"
        var out = String.UnicodeScalarView()
        out.append(quote)
        for c in scalars {
            switch c {
            case quote, "\\":
                out.append("\\")
                out.append(c)
            case "\t": out.append(contentsOf: "\\t".unicodeScalars)
            case "\n": out.append(contentsOf: "\\n".unicodeScalars)
            case "\r": out.append(contentsOf: "\\r".unicodeScalars)
            default:
                if isPrintable(c) {
                    out.append(c)
                } else {
                    out.append(contentsOf: hexEscape(c).unicodeScalars)
                }
            }
        }
        out.append(quote)
        return String(out)
    }

    /// `repr(float)`: the shortest text that reads back as the same double, in exponent form below
    /// 1e-4 and from 1e16 on, with `.0` on whole numbers.
    public static func float(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        // Swift's description is also the shortest round-trip text; only the layout differs.
        let shortest = x.magnitude.description
        var digits = ""
        var exponent = 0
        if let e = shortest.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(shortest[shortest.index(after: e)...])!
            digits = String(shortest[..<e])
        } else {
            digits = shortest
        }
        // Normalise to a digit string d1 d2 ... and a decimal exponent: value = 0.d1d2... * 10^point
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        let whole = String(parts[0])
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        var mantissa = whole + fraction
        var point = whole.count + exponent
        while mantissa.first == "0" && mantissa.count > 1 {
            mantissa.removeFirst()
            point -= 1
        }
        while mantissa.last == "0" && mantissa.count > 1 { mantissa.removeLast() }
        let sign = x.sign == .minus ? "-" : ""
        if mantissa == "0" { return sign + "0.0" }
        let decimalExponent = point - 1
        if decimalExponent < -4 || decimalExponent >= 16 {
            var text = String(mantissa.prefix(1))
            if mantissa.count > 1 { text += "." + mantissa.dropFirst() }
            let e = decimalExponent
            return sign + text + "e" + (e < 0 ? "-" : "+") + (abs(e) < 10 ? "0" : "") + String(abs(e))
        }
        if point <= 0 {
            return sign + "0." + String(repeating: "0", count: -point) + mantissa
        }
        if point >= mantissa.count {
            return sign + mantissa + String(repeating: "0", count: point - mantissa.count) + ".0"
        }
        let i = mantissa.index(mantissa.startIndex, offsetBy: point)
        return sign + mantissa[..<i] + "." + mantissa[i...]
    }

    /// Python's `str.isprintable()` for one character: everything but the categories Cc, Cf, Cs, Co,
    /// Cn, Zl, Zp and Zs (the ASCII space excepted).
    static func isPrintable(_ c: Unicode.Scalar) -> Bool {
        if c == " " { return true }
        switch c.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator,
             .paragraphSeparator, .spaceSeparator:
            return false
        default:
            return true
        }
    }

    private static func hexEscape(_ c: Unicode.Scalar) -> String {
        let v = c.value
        let (prefix, width) = v < 0x100 ? ("\\x", 2) : v < 0x10000 ? ("\\u", 4) : ("\\U", 8)
        let hex = String(v, radix: 16)
        return prefix + String(repeating: "0", count: width - hex.count) + hex
    }
}
