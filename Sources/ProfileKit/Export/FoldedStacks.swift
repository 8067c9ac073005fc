#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        try self.init(parsing: Array(text.utf8))
    }

    /// Parses folded-stack bytes (UTF-8; invalid sequences become U+FFFD). Works on bytes, not
    /// characters, so multi-megabyte files parse quickly.
    public init(parsing bytes: [UInt8]) throws(FoldedStacksParseError) {
        var stacks: [Stack] = []
        var lineNumber = 0
        var start = 0
        var total = 0
        while start < bytes.count {
            lineNumber += 1
            var end = start
            while end < bytes.count && bytes[end] != 10 { end += 1 }
            var lineEnd = end
            if lineEnd > start && bytes[lineEnd - 1] == 13 { lineEnd -= 1 }
            if bytes[start..<lineEnd].contains(where: { $0 != 32 && $0 != 9 }) {
                let stack = try Self.parseLine(bytes[start..<lineEnd], number: lineNumber)
                let (sum, overflow) = total.addingReportingOverflow(stack.weight)
                guard !overflow else { throw FoldedStacksParseError(line: lineNumber, problem: .totalTooLarge) }
                total = sum
                stacks.append(stack)
            }
            start = end + 1
        }
        self.stacks = stacks
    }

    private static func parseLine(_ line: ArraySlice<UInt8>, number: Int) throws(FoldedStacksParseError) -> Stack {
        guard let space = line.lastIndex(where: { $0 == 32 || $0 == 9 }) else {
            throw FoldedStacksParseError(line: number, problem: .missingWeight)
        }
        let digits = line[(space + 1)...]
        let weightText = String(decoding: digits, as: UTF8.self)
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            throw FoldedStacksParseError(line: number, problem: .badWeight(weightText))
        }
        var weight = 0
        for d in digits {
            let (times10, o1) = weight.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int(d - 48))
            guard !o1, !o2 else { throw FoldedStacksParseError(line: number, problem: .weightTooLarge(weightText)) }
            weight = sum
        }
        var stackEnd = space
        while stackEnd > line.startIndex && (line[stackEnd - 1] == 32 || line[stackEnd - 1] == 9) { stackEnd -= 1 }
        guard stackEnd > line.startIndex else { throw FoldedStacksParseError(line: number, problem: .missingStack) }
        let frames = line[..<stackEnd].split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        return Stack(frames: frames, weight: weight)
    }

    /// The sum of all weights.
    public var totalWeight: Int { stacks.reduce(0) { $0 &+ $1.weight } }

    /// The sum of all weights, or nil if it is more than `Int.max` (stacks of several files can add
    /// up past it although each file's do not) or a weight is negative.
    public var checkedTotalWeight: Int? {
        var total = 0
        for stack in stacks {
            guard stack.weight >= 0 else { return nil }
            let (sum, overflow) = total.addingReportingOverflow(stack.weight)
            guard !overflow else { return nil }
            total = sum
        }
        return total
    }

    /// Identical stacks summed and sorted by their folded text in byte order, as FlameGraph sorts.
    public func merged() -> FoldedStacks {
        var index: [ExactString: Int] = [:]
        var unique: [Stack] = []
        var texts: [[UInt8]] = []
        for stack in stacks {
            let folded = stack.folded
            if let at = index[ExactString(folded)] {
                unique[at].weight &+= stack.weight
            } else {
                index[ExactString(folded)] = unique.count
                unique.append(stack)
                texts.append(Array(folded.utf8))
            }
        }
        let order = unique.indices.sorted { Self.bytesPrecede(texts[$0], texts[$1]) }
        return FoldedStacks(order.map { unique[$0] })
    }

    /// Byte order (memcmp), which is code-point order for UTF-8.
    private static func bytesPrecede(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                let n = min(pa.count, pb.count)
                let c = n == 0 ? 0 : memcmp(pa.baseAddress!, pb.baseAddress!, n)
                return c != 0 ? c < 0 : pa.count < pb.count
            }
        }
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
