/// Why folded-stack text could not be read: the line number (from 1) and the problem.
public struct FoldedStacksParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was wrong with a line.
    public enum Problem: Equatable, Sendable {
        /// No space-separated weight at the end of the line.
        case missingWeight
        /// The weight is not a non-negative whole number.
        case badWeight(String)
        /// The weight does not fit in 64 bits.
        case weightTooLarge(String)
        /// A weight with no stack before it.
        case missingStack
        /// The weights up to this line add up to more than 64 bits hold.
        case totalTooLarge
    }

    /// The line, counted from 1.
    public var line: Int
    /// What was wrong.
    public var problem: Problem

    /// Makes an error.
    public init(line: Int, problem: Problem) {
        self.line = line
        self.problem = problem
    }

    /// A one-line explanation for the user.
    public var description: String {
        let what = switch problem {
        case .missingWeight: "expected 'frame;frame;... weight', found no weight after the stack"
        case .badWeight(let text): "the weight '\(text)' is not a non-negative whole number"
        case .weightTooLarge(let text): "the weight \(text) is too large"
        case .missingStack: "a weight without a stack"
        case .totalTooLarge: "the weights up to here add up to more than \(Int.max), the most a 64-bit count holds"
        }
        return "line \(line): \(what)"
    }
}
