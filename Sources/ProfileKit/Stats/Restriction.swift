/// One argument of pstats' `print_stats(*amount)`: a count, a fraction, or a regular expression.
public enum Restriction: Equatable, Sendable {
    /// Keep the first n entries (pstats: an int `0 <= n < len`, else no change).
    case count(Int)
    /// Keep `int(len * x + .5)` entries (pstats: a float `0.0 <= x < 1.0`, else no change).
    case fraction(Double)
    /// Keep the entries whose printed name the pattern is found in (Python `re.search`).
    case pattern(String)

    /// Types a command-line value as pstats' browser does: an integer is a count, a decimal number
    /// a fraction, anything else a regular expression. (`inf` and `nan` stay patterns.)
    public init(parsing text: String) {
        if let n = PythonNumber.integer(text) {
            self = .count(n)
        } else if let x = PythonNumber.float(text) {
            self = .fraction(x)
        } else {
            self = .pattern(text)
        }
    }

    /// The value as Python's `repr` shows it in "due to restriction <…>".
    public var pythonRepr: String {
        switch self {
        case .count(let n): String(n)
        case .fraction(let x): PythonRepr.float(x)
        case .pattern(let p): PythonRepr.string(p)
        }
    }
}

/// Parsing numbers the way Python's `int()` and `float()` read decimal text.
enum PythonNumber {
    /// `int(text)` for plain decimal text: optional sign, digits, single underscores between them.
    static func integer(_ text: String) -> Int? {
        let t = text.trimmingPythonWhitespace()
        var digits = Substring(t)
        var sign = ""
        if let first = digits.first, first == "+" || first == "-" {
            sign = first == "-" ? "-" : ""
            digits = digits.dropFirst()
        }
        guard let cleaned = withoutUnderscores(digits), !cleaned.isEmpty,
              cleaned.allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        // Python's integers have no limit; a count this large restricts nothing either way.
        return Int(sign + cleaned) ?? (sign == "-" ? Int.min : Int.max)
    }

    /// `float(text)` for the words Python accepts without digits: inf, infinity and nan, signed,
    /// in any case.
    static func special(_ text: String) -> Double? {
        var word = Substring(text.trimmingPythonWhitespace().lowercased())
        var negative = false
        if let first = word.first, first == "+" || first == "-" {
            negative = first == "-"
            word = word.dropFirst()
        }
        switch word {
        case "inf", "infinity": return negative ? -.infinity : .infinity
        case "nan": return .nan
        default: return nil
        }
    }

    /// `float(text)` for decimal text that has digits (so not `inf` or `nan`).
    static func float(_ text: String) -> Double? {
        let t = text.trimmingPythonWhitespace()
        guard t.contains(where: { $0.isASCII && $0.isNumber }),
              t.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE_".contains($0)) }),
              let cleaned = withoutUnderscores(Substring(t))
        else { return nil }
        return Double(cleaned)
    }

    /// Removes underscores that stand between two digits; nil if one stands elsewhere.
    private static func withoutUnderscores(_ s: Substring) -> String? {
        let chars = Array(s)
        var out = ""
        for (i, c) in chars.enumerated() {
            if c == "_" {
                guard i > 0, i + 1 < chars.count, chars[i - 1].isNumber, chars[i + 1].isNumber else { return nil }
                continue
            }
            out.append(c)
        }
        return out
    }
}

extension String {
    func trimmingPythonWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        guard let start = firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = lastIndex(where: { !isSpace($0) })!
        return String(self[start...end])
    }
}
