/// Why an export could not be made from the input it was given.
public enum ExportError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The format needs full stacks, but the input is a pstats profile.
    case needsStacks(ExportFormat)
    /// The format needs a pstats profile, but the input is folded stacks.
    case needsProfile(ExportFormat)
    /// A `--root`/`--leaf` pattern that is not a valid regular expression.
    case badPattern(String)
    /// No function left after the thresholds matches the `--root` or `--leaf` selector.
    case noMatch(option: String, selector: String)
    /// Graphviz could not lay out or render the graph.
    case rendering(String)
    /// The stacks' weights add up to more than `Int.max` (or one is negative).
    case weightsTooLarge

    /// A one-line explanation for the user.
    public var description: String {
        switch self {
        case .needsStacks(let format):
            "\(format.flag) needs full call stacks, and a .prof file does not have them: pstats keeps "
                + "only caller -> callee pairs with their totals, so the path to each function and the "
                + "time spent on each path are lost, and a flame graph built from pairs would be a guess. "
                + "Give the server's server.folded (written next to server.prof) or any folded-stack "
                + "file (a;b;c weight) instead."
        case .needsProfile(let format):
            "\(format.flag) needs a pstats profile (.prof) with call counts and self/cumulative times; "
                + "folded stacks carry only stack weights. Give the matching .prof file."
        case .badPattern(let pattern):
            "'\(pattern)' is not a valid regular expression"
        case .rendering(let message):
            "Graphviz could not render the call graph: \(message)"
        case .weightsTooLarge:
            "the stacks' weights add up to more than \(Int.max), the most a 64-bit count holds; give fewer "
                + "stacks or smaller weights"
        case .noMatch(let option, let selector):
            "\(option) '\(selector)' matches no function of the graph (it may have been dropped by the "
                + "thresholds: try node and edge thresholds of 0)"
        }
    }
}
