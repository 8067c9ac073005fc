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
        let regex: Regex<AnyRegexOutput>
        do {
            regex = try Regex(pattern)
        } catch {
            throw .badPattern(pattern)
        }
        nonisolated(unsafe) let compiled = regex
        self.init(pattern) { key in key.standardName.contains(compiled) }
    }

    /// True when the function is selected.
    public func matches(_ key: FunctionKey) -> Bool { predicate(key) }
}
