/// A regular expression searched in printed function names, as pstats' restrictions use `re.search`.
///
/// Swift's regex syntax accepts Python's (including `(?P<name>…)`); matching is done on Unicode
/// scalars, as Python's `re` does, not on grapheme clusters.
struct NameMatcher {
    private let regex: Regex<AnyRegexOutput>

    /// A matcher, or nil when the pattern does not compile.
    init?(_ pattern: String) {
        guard let regex = try? Regex(pattern) else { return nil }
        self.regex = regex.matchingSemantics(.unicodeScalar)
    }

    /// True when the pattern is found anywhere in `name`.
    func matches(_ name: String) -> Bool {
        (try? regex.firstMatch(in: name)) != nil
    }
}
