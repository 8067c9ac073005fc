/// What an exporter reads: a pstats profile or full call stacks.
public enum ExportSource: Sendable {
    /// A pstats profile (`.prof`): per-function numbers and caller -> callee pairs, no stacks.
    case profile(Profile)
    /// Full stacks with weights, read from folded-stack text.
    case stacks(FoldedStacks)
}
