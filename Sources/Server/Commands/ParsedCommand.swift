/// One input line split the way Evennia's MuxCommand does: `key[/switch...] lhs = rhs`.
struct ParsedCommand: Equatable, Sendable {
    /// The command word, lowercased (`"` and `:` for the say and pose shortcuts).
    var key: String
    /// Switches after the key (`dig/tel` gives `["tel"]`), lowercased.
    var switches: [String]
    /// Everything after the key and switches, trimmed.
    var args: String
    /// The part of `args` before the first `=` (all of it when there is no `=`), trimmed.
    var lhs: String
    /// The part of `args` after the first `=`, trimmed; nil when there is no `=`.
    var rhs: String?

    /// `rhs` split on commas, each item trimmed (Evennia's `rhslist`).
    var rhsList: [String] {
        guard let rhs else { return [] }
        return rhs.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmed() }
    }
}

extension Substring {
    /// The substring without leading and trailing spaces.
    func trimmed() -> String {
        String(self.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}

extension String {
    /// The string without leading and trailing spaces.
    func trimmed() -> String { self[...].trimmed() }
}
