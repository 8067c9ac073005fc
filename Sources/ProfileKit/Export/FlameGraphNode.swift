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
        name = rootName
        var builder = Builder()
        for stack in stacks.stacks where stack.weight > 0 { builder.add(stack.frames[...], weight: stack.weight) }
        self = builder.node(named: rootName)
    }

    private init(name: String, total: Int, children: [FlameGraphNode]) {
        self.name = name
        self.total = total
        self.children = children
    }

    /// The deepest level below this node (0 for a leaf).
    var height: Int { children.map { $0.height + 1 }.max() ?? 0 }

    /// A mutable tree used while adding stacks.
    private struct Builder {
        var total = 0
        var children: [String: Builder] = [:]

        mutating func add(_ frames: ArraySlice<String>, weight: Int) {
            total &+= weight
            guard let first = frames.first else { return }
            children[first, default: Builder()].add(frames.dropFirst(), weight: weight)
        }

        func node(named name: String) -> FlameGraphNode {
            let names = children.keys.sorted { CodePoint.compare($0, $1) < 0 }
            return FlameGraphNode(name: name, total: total, children: names.map { children[$0]!.node(named: $0) })
        }
    }
}
