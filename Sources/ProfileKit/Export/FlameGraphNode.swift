/// One frame of a flame graph: a function on one path, with the weight of every stack through it.
struct FlameGraphNode {
    /// The frame's function name.
    var name: String
    /// Weight of all stacks through this frame.
    var total = 0
    /// Children in name order (code points), as FlameGraph sorts them.
    var children: [FlameGraphNode] = []

    /// The merged tree of all stacks under a root frame called `rootName`.
    init(rootName: String, stacks: FoldedStacks) {
        // Built in a flat table first (index-linked), which keeps each insertion O(depth).
        var names = [rootName]
        var totals = [0]
        var children: [[String: Int]] = [[:]]
        for stack in stacks.stacks where stack.weight > 0 {
            var node = 0
            totals[0] &+= stack.weight
            for frame in stack.frames {
                if let child = children[node][frame] {
                    node = child
                } else {
                    let child = names.count
                    names.append(frame)
                    totals.append(0)
                    children.append([:])
                    children[node][frame] = child
                    node = child
                }
                totals[node] &+= stack.weight
            }
        }
        func build(_ node: Int) -> FlameGraphNode {
            let ordered = children[node].sorted { CodePoint.compare($0.key, $1.key) < 0 }
            return FlameGraphNode(name: names[node], total: totals[node], children: ordered.map { build($0.value) })
        }
        self = build(0)
    }

    private init(name: String, total: Int, children: [FlameGraphNode]) {
        self.name = name
        self.total = total
        self.children = children
    }

    /// The deepest level below this node (0 for a leaf).
    var height: Int { children.map { $0.height + 1 }.max() ?? 0 }
}
