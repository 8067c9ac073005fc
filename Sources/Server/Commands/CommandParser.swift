/// The pure command-line parser: text in, `ParsedCommand` out (Evennia's MuxCommand syntax).
enum CommandParser {
    /// Characters that are commands by themselves when they start a line (Evennia's say/pose shortcuts).
    static let shortcuts: Set<Character> = ["\"", "'", ":"]
    /// Prefixes ignored before a command name, so `@dig` is `dig` (Evennia's CMD_IGNORE_PREFIXES).
    static let ignoredPrefixes: Set<Character> = ["@", "&", "/", "+"]

    /// Parses one line; nil for an empty or all-blank line.
    static func parse(_ line: String) -> ParsedCommand? {
        let text = line.trimmed()
        guard let first = text.first else { return nil }
        var key: String
        var rest: Substring
        if shortcuts.contains(first) {
            key = first == ":" ? ":" : "\""
            rest = text.dropFirst()
        } else {
            let end = text.utf8.firstIndex(of: 0x20) ?? text.endIndex
            key = String(text[..<end])
            rest = text[end...]
            if key.count > 1, let prefix = key.first, ignoredPrefixes.contains(prefix) { key.removeFirst() }
        }
        var switches: [String] = []
        if let slash = key.firstIndex(of: "/"), slash > key.startIndex {
            switches = key[key.index(after: slash)...].split(separator: "/").map { $0.lowercased() }
            key = String(key[..<slash])
        }
        let args = rest.trimmed()
        var lhs = args
        var rhs: String?
        if let equals = args.firstIndex(of: "=") {
            lhs = args[..<equals].trimmed()
            rhs = args[args.index(after: equals)...].trimmed()
        }
        return ParsedCommand(key: key.lowercased(), switches: switches, args: args, lhs: lhs, rhs: rhs)
    }
}
