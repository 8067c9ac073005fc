/// Text for XML 1.0 documents: the flame graph's SVG and the dummyrunner's chart.
public enum XMLText {
    /// `s` escaped for XML text and attribute values; the control characters XML 1.0 cannot hold,
    /// even escaped, become U+FFFD.
    public static func escaped(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                // XML 1.0 forbids most control characters even when escaped.
                if c.value < 0x20 && c != "\t" && c != "\n" && c != "\r" || c.value == 0xFFFE || c.value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out
    }
}
