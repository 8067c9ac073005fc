/// The frames of a flame graph: every function on every distinct path, with where its box starts,
/// how wide it is (in weight units) and how deep it sits; children in name order, a frame's own
/// weight to the left of its children.
///
/// Built as flamegraph.pl does it, without a tree: the stacks are sorted frame by frame, then one
/// pass keeps the current path open, closing the frames that end and opening the ones that begin.
/// Time and memory grow with the input, not with the number of distinct paths times their depth.
struct FlameGraphLayout {
    /// One box.
    struct Frame {
        /// Index into `names`.
        var name: Int
        /// Offset of the box's left edge, in weight units.
        var start: Int
        /// The box's width, in weight units (the weight of every stack through it).
        var width: Int
        /// 0 for the root, 1 for the outermost frames of the stacks, and so on.
        var depth: Int
    }

    /// The distinct frame names; index 0 is the root's.
    var names: [String]
    /// The boxes in pre-order (by start, then depth): a parent before its children.
    var frames: [Frame]
    /// The total weight (the root's width).
    var total: Int { frames.first?.width ?? 0 }
    /// The deepest frame's depth.
    var maxDepth: Int

    init(rootName: String, stacks: FoldedStacks) {
        // Intern frame names and rank them in code-point order, so stacks compare as integer arrays.
        var id: [ExactString: Int] = [:]
        var names: [String] = []
        var paths: [(frames: [Int], weight: Int)] = []
        for stack in stacks.stacks where stack.weight > 0 {
            paths.append((stack.frames.map { name in
                if let known = id[ExactString(name)] { return known }
                id[ExactString(name)] = names.count
                names.append(name)
                return names.count - 1
            }, stack.weight))
        }
        let byName = names.indices.sorted { CodePoint.compare(names[$0], names[$1]) < 0 }
        var rank = [Int](repeating: 0, count: names.count)
        for (position, name) in byName.enumerated() { rank[name] = position }
        paths.sort { a, b in
            for (x, y) in zip(a.frames, b.frames) where x != y { return rank[x] < rank[y] }
            return a.frames.count < b.frames.count
        }

        // Frames are appended when they open, which is pre-order; the width is filled in at close.
        var frames: [Frame] = [Frame(name: 0, start: 0, width: 0, depth: 0)]
        var open: [(name: Int, frame: Int)] = []
        var x = 0
        var deepest = 0
        func close(downTo depth: Int) {
            while open.count > depth {
                let index = open.removeLast().frame
                frames[index].width = x - frames[index].start
            }
        }
        for path in paths {
            var common = 0
            while common < open.count && common < path.frames.count && open[common].name == path.frames[common] {
                common += 1
            }
            close(downTo: common)
            for name in path.frames[common...] {
                open.append((name, frames.count))
                frames.append(Frame(name: name + 1, start: x, width: 0, depth: open.count))
            }
            deepest = max(deepest, path.frames.count)
            x &+= path.weight
        }
        close(downTo: 0)
        frames[0].width = x
        self.names = [rootName] + names
        self.frames = frames
        maxDepth = deepest
    }
}
