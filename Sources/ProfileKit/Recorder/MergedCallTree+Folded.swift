/// Brendan Gregg's folded-stack text (FlameGraph's `stackcollapse` output): one line per distinct
/// stack, `root;child;leaf weight`, the weight being the leaf's own time in whole microseconds.
extension MergedCallTree {
    /// Folded stacks: lines sorted by code point, each ending in `\n`; stacks whose own time rounds
    /// to 0 µs are left out. Frames are `FunctionKey.standardName` with `;` replaced by `:` (a `;`
    /// would split the frame). Top-level scopes folded past the node cap are one stack,
    /// `{folded past node cap}`.
    func foldedStacks(keys: [FunctionKey], secondsPerTick: Double) -> String {
        let labels = keys.map { key in
            String(key.standardName.map { $0 == ";" || $0 == "\n" || $0 == "\r" ? ":" : $0 })
        }
        // prefixes[d] is the stack down to depth d, so each line costs one append.
        var prefixes: [String] = [""]
        var lines: [String] = []
        walk(enter: { node, depth in
            prefixes.removeSubrange(depth...)
            let label = labels[Int(sites[node])]
            prefixes.append(depth == 1 ? label : prefixes[depth - 1] + ";" + label)
            let micros = (Double(ownTicks[node]) * secondsPerTick * 1e6).rounded()
            if micros >= 1 {
                lines.append(prefixes[depth] + " " + String(Int64(micros)))
            }
        }, leave: { _ in })
        let foldedMicros = (Double(rootFoldedTicks) * secondsPerTick * 1e6).rounded()
        if foldedMicros >= 1 {
            lines.append(FunctionKey.foldedPastNodeCap.standardName + " " + String(Int64(foldedMicros)))
        }
        // Byte order of UTF-8 is code-point order.
        lines.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var text = ""
        text.reserveCapacity(lines.reduce(0) { $0 + $1.utf8.count + 1 })
        for line in lines {
            text += line
            text += "\n"
        }
        return text
    }
}
