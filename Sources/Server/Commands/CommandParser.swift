/// The pure command-line parser: text in, `ParsedCommand` out (Evennia's MuxCommand syntax).
///
/// Every separator it looks for is one ASCII byte, so it searches and cuts the UTF-8 bytes: a cut
/// falls between code points, as Evennia's Python cuts its strings, and costs no grapheme breaking.
enum CommandParser {
    /// Bytes that are commands by themselves when they start a line (Evennia's say/pose shortcuts
    /// `"`, `'` and `:`).
    static let shortcuts: [UInt8] = [UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: ":")]
    /// Prefixes ignored before a command name, so `@dig` is `dig` (Evennia's CMD_IGNORE_PREFIXES).
    static let ignoredPrefixes: [UInt8] = [UInt8(ascii: "@"), UInt8(ascii: "&"), UInt8(ascii: "/"), UInt8(ascii: "+")]

    /// Parses one line; nil for an empty or all-blank line.
    static func parse(_ line: String) -> ParsedCommand? {
        let text = line.trimmed()
        guard let first = text.utf8.first else { return nil }
        var key: Substring
        var rest: Substring
        if shortcuts.contains(first) {
            key = first == UInt8(ascii: ":") ? ":" : "\""
            rest = text[text.utf8.index(after: text.startIndex)...]
        } else {
            let end = text.firstIndex(ofByte: UInt8(ascii: " ")) ?? text.endIndex
            key = text[..<end]
            rest = text[end...]
            if ignoredPrefixes.contains(first), key.utf8.count > 1 { key = key[key.utf8.index(after: key.startIndex)...] }
        }
        var switches: [String] = []
        if let slash = key.firstIndex(ofByte: UInt8(ascii: "/")), slash > key.startIndex {
            switches = key[key.utf8.index(after: slash)...].pieces(between: UInt8(ascii: "/")).map { $0.lowercased() }
            key = key[..<slash]
        }
        let args = rest.trimmed()
        var lhs = args
        var rhs: String?
        if let equals = args.firstIndex(ofByte: UInt8(ascii: "=")) {
            lhs = args[..<equals].trimmed()
            rhs = args[args.utf8.index(after: equals)...].trimmed()
        }
        return ParsedCommand(key: key.lowercasedIfNeeded(), switches: switches, args: args, lhs: lhs, rhs: rhs)
    }
}
