/// Picks functions for `--root`/`--leaf`: a predicate over function keys.
public struct FunctionSelector: Sendable {
    /// What the selector matches, for messages.
    public var description: String
    private let predicate: @Sendable (FunctionKey) -> Bool

    /// A selector from any predicate (the command line passes its Python-regex matcher here).
    public init(_ description: String, matching predicate: @escaping @Sendable (FunctionKey) -> Bool) {
        self.description = description
        self.predicate = predicate
    }

    /// A selector that searches a Swift regular expression in pstats' standard name
    /// (`file:line(name)` or `{built-in …}`), as `--restrict` does.
    public init(searching pattern: String) throws(ExportError) {
        guard let matcher = NameMatcher(pattern) else { throw .badPattern(pattern) }
        // The one matcher `--restrict` uses too (Python's code-point semantics); a compiled regex
        // is not Sendable, and the selector is only read once built.
        nonisolated(unsafe) let compiled = matcher
        self.init(pattern) { key in compiled.matches(key.standardName) }
    }

    /// True when the function is selected.
    public func matches(_ key: FunctionKey) -> Bool { predicate(key) }
}
