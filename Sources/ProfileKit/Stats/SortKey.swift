/// A sort key of pstats' `sort_stats`, with its fields, direction and description, as one table.
///
/// The table is CPython's `Stats.sort_arg_dict_default` (Lib/pstats.py), in the same order: the order
/// decides which abbreviations are unique, exactly as `get_sort_arg_defs` computes them.
public struct SortKey: Equatable, Sendable {
    /// A column a sort key compares, with pstats' direction for it.
    public enum Field: Equatable, Sendable {
        case primitiveCalls, calls, selfTime, cumulativeTime, file, line, name, standardName

        /// True for the numeric columns, which pstats sorts largest first.
        public var descending: Bool {
            switch self {
            case .primitiveCalls, .calls, .selfTime, .cumulativeTime: true
            case .file, .line, .name, .standardName: false
            }
        }
    }

    /// The word as pstats spells it (`cumulative`, `tottime`, ...).
    public let word: String
    /// The columns compared, most significant first.
    public let fields: [Field]
    /// The text pstats prints after "Ordered by:".
    public let description: String

    /// pstats' table of full words, in its dict order.
    public static let table: [SortKey] = [
        SortKey(word: "calls", fields: [.calls], description: "call count"),
        SortKey(word: "ncalls", fields: [.calls], description: "call count"),
        SortKey(word: "cumtime", fields: [.cumulativeTime], description: "cumulative time"),
        SortKey(word: "cumulative", fields: [.cumulativeTime], description: "cumulative time"),
        SortKey(word: "filename", fields: [.file], description: "file name"),
        SortKey(word: "line", fields: [.line], description: "line number"),
        SortKey(word: "module", fields: [.file], description: "file name"),
        SortKey(word: "name", fields: [.name], description: "function name"),
        SortKey(word: "nfl", fields: [.name, .file, .line], description: "name/file/line"),
        SortKey(word: "pcalls", fields: [.primitiveCalls], description: "primitive call count"),
        SortKey(word: "stdname", fields: [.standardName], description: "standard name"),
        SortKey(word: "time", fields: [.selfTime], description: "internal time"),
        SortKey(word: "tottime", fields: [.selfTime], description: "internal time"),
    ]

    /// The legacy integer arguments of the old profiler: -1, 0, 1, 2.
    static let legacy: [Int: String] = [-1: "stdname", 0: "calls", 1: "time", 2: "cumulative"]

    /// Every accepted spelling (full words and their unique prefixes) and the key it means,
    /// computed as `get_sort_arg_defs` does: walking each word from longest to shortest prefix and
    /// stopping at the first prefix already taken, which is then dropped as ambiguous.
    public static let spellings: [String: SortKey] = {
        var accepted: [String: SortKey] = [:]
        var ambiguous: Set<String> = []
        for key in table {
            var fragment = Substring(key.word)
            while !fragment.isEmpty {
                if accepted[String(fragment)] != nil {
                    ambiguous.insert(String(fragment))
                    break
                }
                accepted[String(fragment)] = key
                fragment = fragment.dropLast()
            }
        }
        for word in ambiguous { accepted[word] = nil }
        return accepted
    }()

    /// The key a spelling means, or nil if pstats would reject it.
    public static func named(_ spelling: String) -> SortKey? { spellings[spelling] }

    /// Parses the arguments of one `sort_stats` call: words or abbreviations, or a single legacy
    /// integer (-1 stdname, 0 calls, 1 time, 2 cumulative).
    public static func parse(_ arguments: [String]) throws(SortKeyError) -> [SortKey] {
        if arguments.count == 1, let number = Int(arguments[0]), let word = legacy[number] {
            return [spellings[word]!]
        }
        return try arguments.map { (argument: String) throws(SortKeyError) -> SortKey in
            guard let key = spellings[argument] else { throw SortKeyError(argument: argument) }
            return key
        }
    }

    /// The full words, for usage messages.
    public static var words: [String] { table.map(\.word) }
}

/// A sort key that pstats does not accept.
public struct SortKeyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The rejected spelling.
    public let argument: String

    public var description: String {
        "unknown sort key '\(argument)' (valid keys, or a unique prefix of one: "
            + SortKey.words.joined(separator: ", ") + ")"
    }
}
