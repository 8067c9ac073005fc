/// Small deterministic JSON building blocks (RFC 8259): the exporters write JSON text directly so
/// that key order and number formatting never change between runs.
enum JSONText {
    /// A JSON string literal: `"`, `\` and control characters escaped, everything else as UTF-8.
    static func string(_ s: String) -> String {
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            return "\"" + s + "\""
        }
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if c.value < 0x20 {
                    let hex = String(c.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out + "\""
    }

    /// A number: the shortest text that reads back as the same double (Python's `repr`), `null`
    /// for NaN and infinities, which JSON cannot express.
    static func number(_ x: Double) -> String { x.isFinite ? "\(x)" : "null" }

    /// A number, or `null` when absent.
    static func number(_ x: Double?) -> String { x.map { number($0) } ?? "null" }

    /// An object from key/value pairs already rendered, keys in the given order.
    static func object(_ members: [(String, String)]) -> String {
        "{" + members.map { string($0.0) + ": " + $0.1 }.joined(separator: ", ") + "}"
    }

    /// A top-level document: `{`, one `"key": value` member per line, `}`. A member whose value is
    /// a list of items is written with one item per line, so line-based tools work on the output.
    static func document(_ members: [(String, String)], itemsKey: String, items: [String]) -> String {
        var out = "{\n"
        for (key, value) in members { out += "  \(string(key)): \(value),\n" }
        out += "  \(string(itemsKey)): ["
        for (i, item) in items.enumerated() { out += (i == 0 ? "\n    " : ",\n    ") + item }
        out += items.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        return out
    }

    /// The identifying members of a function key.
    static func keyMembers(_ key: FunctionKey) -> [(String, String)] {
        [("file", string(key.file)), ("line", String(key.line)), ("name", string(key.name)),
         ("label", string(key.standardName)), ("builtin", key.isBuiltin ? "true" : "false")]
    }
}
