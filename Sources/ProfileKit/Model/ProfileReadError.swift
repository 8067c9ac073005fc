/// Why bytes could not be read as a pstats profile. Each case carries the byte offset of the object
/// that was wrong.
public enum ProfileReadError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The marshal stream itself is broken.
    case marshal(MarshalError)
    /// The file holds one object, but not the stats dict a profile is.
    case notAStatsDict(found: String, offset: Int)
    /// The stats dict is empty; pstats refuses such a file too.
    case empty
    /// A stats key that is not `(filename, line, name)`.
    case badFunctionKey(found: String, offset: Int)
    /// A stats value that is not `(cc, nc, tt, ct, callers)`.
    case badFunctionStats(found: String, offset: Int)
    /// A callers entry that is not `key: (nc, cc, tt, ct)`.
    case badCallerEntry(found: String, offset: Int)
    /// Byte strings where text belongs: a Python 2 profile.
    case python2(offset: Int)

    /// Where the problem is, in bytes from the start of the file (0 for an empty profile).
    public var offset: Int {
        switch self {
        case .marshal(let e): e.offset
        case .empty: 0
        case .notAStatsDict(_, let o), .badFunctionKey(_, let o), .badFunctionStats(_, let o),
             .badCallerEntry(_, let o), .python2(let o):
            o
        }
    }

    public var description: String {
        switch self {
        case .marshal(let e): e.description
        case .notAStatsDict(let found, let o):
            "not a profile: expected a stats dict at byte \(o), found \(found)"
        case .empty:
            "the profile holds no functions"
        case .badFunctionKey(let found, let o):
            "not a profile: a function key at byte \(o) should be (filename, line, name), found \(found)"
        case .badFunctionStats(let found, let o):
            "not a profile: the entry at byte \(o) should be (cc, nc, tt, ct, callers), found \(found)"
        case .badCallerEntry(let found, let o):
            "not a profile: a caller in the entry at byte \(o) should be (nc, cc, tt, ct), found \(found)"
        case .python2(let o):
            "a Python 2 profile (byte strings at byte \(o)): Python 3's pstats cannot read it either; "
                + "record it again with Python 3"
        }
    }
}
