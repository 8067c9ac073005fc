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
        // Cut in UTF-8, as Python's strip cuts code points: a space is one ASCII byte, so both cuts
        // fall on the start of a character.
        let bytes = utf8
        guard let first = bytes.firstIndex(where: { $0 != 0x20 }), let last = bytes.lastIndex(where: { $0 != 0x20 })
        else { return "" }
        return String(self[first..<bytes.index(after: last)])
    }

    /// `lowercased()`, which for a command word in ASCII lowercase (nearly every one) is a copy:
    /// that case is found by one look at the bytes and skips the case mapping.
    func lowercasedIfNeeded() -> String {
        if utf8.allSatisfy({ $0 < 0x80 && !(0x41...0x5A).contains($0) }) { return String(self) }
        return lowercased()
    }

    /// The non-empty pieces between occurrences of the ASCII byte `separator`.
    func pieces(between separator: UInt8) -> [Substring] {
        var pieces: [Substring] = []
        var start = startIndex
        for index in utf8.indices where utf8[index] == separator {
            if index > start { pieces.append(self[start..<index]) }
            start = utf8.index(after: index)
        }
        if start < endIndex { pieces.append(self[start...]) }
        return pieces
    }
}

extension StringProtocol {
    /// The index of the first `byte` in the UTF-8, as `utf8.firstIndex(of:)` finds it, but by a
    /// search of the string's contiguous bytes rather than a walk of its UTF-8 view.
    func firstIndex(ofByte byte: UInt8) -> Index? {
        let found: Int?? = utf8.withContiguousStorageIfAvailable { $0.firstIndex(of: byte) }
        guard let found else { return utf8.firstIndex(of: byte) }
        return found.map { utf8.index(utf8.startIndex, offsetBy: $0) }
    }
}

extension String {
    /// The string without leading and trailing spaces.
    func trimmed() -> String {
        // Most lines have none: the string itself, not a copy.
        if utf8.first != 0x20 && utf8.last != 0x20 { return self }
        return self[...].trimmed()
    }
}
