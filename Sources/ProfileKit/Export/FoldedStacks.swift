/// Full call stacks with weights, in Brendan Gregg's folded-stack text format: one stack per line,
/// frames from the root down joined by `;`, a space, then the weight (`main;run;fact 1234`; MudScope
/// writes microseconds). This is what FlameGraph's `stackcollapse-*` scripts print and what the
/// server writes to `server.folded`.
public struct FoldedStacks: Sendable, Equatable {
    /// One stack and its weight.
    public struct Stack: Sendable, Equatable {
        /// Frames from the outermost (root) to the innermost.
        public var frames: [String]
        /// The stack's weight (samples or microseconds).
        public var weight: Int

        /// Makes a stack.
        public init(frames: [String], weight: Int) {
            self.frames = frames
            self.weight = weight
        }

        /// The frames joined by `;`, as the text format writes them.
        public var folded: String { frames.joined(separator: ";") }
    }

    /// The stacks in input order (repeats allowed).
    public var stacks: [Stack]

    /// A set of stacks.
    public init(_ stacks: [Stack] = []) {
        self.stacks = stacks
    }

    /// Parses folded-stack text. Blank lines are skipped; `\r\n` line ends are accepted.
    public init(parsing text: String) throws(FoldedStacksParseError) {
        var stacks: [Stack] = []
        var lineNumber = 0
        // "\r\n" is one Character in Swift, so it is a separator of its own.
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            var line = Substring(rawLine)
            if line.last == "\r" { line = line.dropLast() }
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            stacks.append(try Self.parseLine(line, number: lineNumber))
        }
        self.stacks = stacks
    }

    /// Parses folded-stack bytes (UTF-8; invalid sequences become U+FFFD).
    public init(parsing bytes: [UInt8]) throws(FoldedStacksParseError) {
        try self.init(parsing: String(decoding: bytes, as: UTF8.self))
    }

    private static func parseLine(_ line: Substring, number: Int) throws(FoldedStacksParseError) -> Stack {
        guard let space = line.lastIndex(where: { $0 == " " || $0 == "\t" }) else {
            throw FoldedStacksParseError(line: number, problem: .missingWeight)
        }
        let weightText = line[line.index(after: space)...]
        guard !weightText.isEmpty, weightText.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            throw FoldedStacksParseError(line: number, problem: .badWeight(String(weightText)))
        }
        guard let weight = Int(weightText) else {
            throw FoldedStacksParseError(line: number, problem: .weightTooLarge(String(weightText)))
        }
        var stack = line[..<space]
        while let last = stack.last, last == " " || last == "\t" { stack = stack.dropLast() }
        guard !stack.isEmpty else { throw FoldedStacksParseError(line: number, problem: .missingStack) }
        return Stack(frames: stack.split(separator: ";", omittingEmptySubsequences: false).map(String.init),
                     weight: weight)
    }

    /// The sum of all weights.
    public var totalWeight: Int { stacks.reduce(0) { $0 &+ $1.weight } }

    /// Identical stacks summed and sorted by their folded text in byte order, as FlameGraph sorts.
    public func merged() -> FoldedStacks {
        var weights: [String: Int] = [:]
        var frames: [String: [String]] = [:]
        for stack in stacks {
            let folded = stack.folded
            weights[folded, default: 0] &+= stack.weight
            if frames[folded] == nil { frames[folded] = stack.frames }
        }
        let order = weights.keys.sorted { CodePoint.compare($0, $1) < 0 }
        return FoldedStacks(order.map { Stack(frames: frames[$0]!, weight: weights[$0]!) })
    }

    /// The folded text: one `frames weight` line per stack, in the current order.
    public var text: String {
        var out = ""
        for stack in stacks {
            out += stack.folded
            out += " \(stack.weight)\n"
        }
        return out
    }
}
