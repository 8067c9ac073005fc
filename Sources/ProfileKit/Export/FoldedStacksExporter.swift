/// Writes folded stacks (Brendan Gregg's format, as FlameGraph's `stackcollapse-*` scripts print it):
/// identical stacks merged and all lines sorted by their text, so the output is deterministic.
public struct FoldedStacksExporter: ProfileExporter {
    /// The format this exporter writes.
    public static let format = ExportFormat.folded

    /// An exporter (it has no options).
    public init() {}

    /// The folded text; a `.prof` profile is refused because it has no stacks.
    public func export(_ source: ExportSource) throws(ExportError) -> [UInt8] {
        guard case .stacks(let stacks) = source else { throw .needsStacks(Self.format) }
        // Merging sums repeated stacks: past Int.max the sum would wrap into a negative weight.
        guard stacks.checkedTotalWeight != nil else { throw .weightsTooLarge }
        return Array(stacks.merged().text.utf8)
    }
}
