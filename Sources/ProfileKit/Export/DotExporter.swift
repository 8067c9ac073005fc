/// Writes a Graphviz DOT call graph with gprof2dot 2025.4.14's conventions (`gprof2dot -f pstats`;
/// reference/pstats-format.md, section d): nodes `module:line:name` with total %, (self %) and call
/// count, calls labelled with their share of total time and primitive call count, heat colours,
/// node and edge thresholds, `--root`/`--leaf` focus. Graphviz's DOT language spec:
/// https://graphviz.org/doc/info/lang.html.
public struct DotExporter: ProfileExporter {
    /// The format this exporter writes.
    public static let format = ExportFormat.dot

    /// Thresholds, theme and focus.
    public var options: DotOptions

    /// An exporter with these options.
    public init(options: DotOptions = DotOptions()) {
        self.options = options
    }

    /// The DOT file for a profile; stacks are refused.
    public func export(_ source: ExportSource) throws(ExportError) -> [UInt8] {
        guard case .profile(let profile) = source else { throw .needsProfile(Self.format) }
        return Array(try text(for: profile).utf8)
    }

    /// One node of the graph (gprof2dot's `Function` after pruning).
    private struct Node {
        var function: Int
        var weight: Double
        var totalRatio: Double
        var selfRatio: Double
        var calls: [(callee: Int, call: Int)]  // node id of the callee, index into graph.calls
    }

    /// The DOT text for a profile.
    public func text(for profile: Profile) throws(ExportError) -> String {
        let graph = CallGraph(profile)

        // Ids in first-seen order: each function, then its callers (orphans are left out:
        // gprof2dot stops on them).
        var id = [Int](repeating: -1, count: graph.keys.count)
        var byID: [Int] = []
        for function in 0..<graph.functionCount {
            if id[function] < 0 { id[function] = byID.count; byID.append(function) }
            for call in graph.incoming[function] {
                let caller = graph.calls[call].caller
                if !graph.isOrphan(caller) && id[caller] < 0 { id[caller] = byID.count; byID.append(caller) }
            }
        }

        var selfSum = 0.0
        var total = 0.0
        for function in graph.functions { selfSum += function.selfTime }
        total = selfSum
        for function in graph.functions { total = max(total, function.cumulativeTime) }

        let nodeThreshold = options.nodeThresholdPercent / 100.0
        let edgeThreshold = options.edgeThresholdPercent / 100.0
        var nodes: [Int: Node] = [:]
        for (nodeID, function) in byID.enumerated() {
            let stats = graph.functions[function]
            let ratio = Self.ratio(stats.cumulativeTime, total)
            guard ratio >= nodeThreshold else { continue }
            nodes[nodeID] = Node(function: function, weight: ratio, totalRatio: ratio,
                                 selfRatio: Self.ratio(stats.selfTime, selfSum), calls: [])
        }
        for (nodeID, node) in nodes {
            var calls: [(Int, Int)] = []
            for call in graph.outgoing(node.function) {
                let calleeID = id[graph.calls[call].callee]
                guard nodes[calleeID] != nil,
                      Self.ratio(graph.calls[call].stats.cumulativeTime, total) >= edgeThreshold else { continue }
                calls.append((calleeID, call))
            }
            nodes[nodeID]!.calls = calls.sorted { $0.0 < $1.0 }
        }
        if options.colorNodesBySelfTime {
            let maxSelf = nodes.values.map(\.selfRatio).max() ?? 1
            if maxSelf != 0 { for k in nodes.keys { nodes[k]!.weight = nodes[k]!.selfRatio / maxSelf } }
        }
        if let root = options.root {
            let start = nodes.keys.filter { root.matches(graph.keys[nodes[$0]!.function]) }
            guard !start.isEmpty else { throw .noMatch(option: "--root", selector: root.description) }
            nodes = Self.keeping(Self.reach(from: start, depth: options.depth) { nodes[$0]!.calls.map(\.callee) }, of: nodes)
        }
        if let leaf = options.leaf {
            let start = nodes.keys.filter { leaf.matches(graph.keys[nodes[$0]!.function]) }
            guard !start.isEmpty else { throw .noMatch(option: "--leaf", selector: leaf.description) }
            var callers: [Int: [Int]] = [:]
            for (nodeID, node) in nodes { for c in node.calls { callers[c.callee, default: []].append(nodeID) } }
            nodes = Self.keeping(Self.reach(from: start, depth: options.depth) { callers[$0] ?? [] }, of: nodes)
        }
        return render(nodes, graph: graph, total: total)
    }

    private func render(_ nodes: [Int: Node], graph: CallGraph, total: Double) -> String {
        let theme = options.theme
        var out = "digraph {\n\ttooltip=\" \"\n"
        out += "\tgraph [fontname=\(Self.id(theme.fontName)), nodesep=0.125, ranksep=0.25];\n"
        out += "\tnode [fontcolor=\(Self.id(theme.fontColor)), fontname=\(Self.id(theme.fontName)), height=0, "
            + "shape=box, style=\(Self.id(theme.nodeStyle)), width=0];\n"
        out += "\tedge [fontname=\(Self.id(theme.fontName))];\n"
        for nodeID in nodes.keys.sorted() {
            let node = nodes[nodeID]!
            let stats = graph.functions[node.function]
            let label = [Self.gprof2dotName(stats.key), Self.percent(node.totalRatio),
                         "(" + Self.percent(node.selfRatio) + ")", "\(stats.calls)×"].joined(separator: "\n")
            out += "\t\(nodeID) [color=\"\(theme.color(node.weight))\", fontcolor=\"\(theme.nodeFontColor(node.weight))\", "
            out += "fontsize=\"\(CFormat.fixed(theme.fontSize(node.weight), precision: 2))\", label=\(Self.id(label)), "
            out += "tooltip=\(Self.id(stats.key.file))];\n"
            for (calleeID, callIndex) in node.calls {
                let call = graph.calls[callIndex].stats
                let weight = Self.ratio(call.cumulativeTime, total)
                let color = theme.color(weight)
                let pen = CFormat.fixed(theme.penWidth(weight), precision: 2)
                let label = Self.percent(weight) + "\n" + "\(call.primitiveCalls)×"
                out += "\t\(nodeID) -> \(calleeID) [arrowsize=\"\(CFormat.fixed(theme.arrowSize(weight), precision: 2))\", "
                out += "color=\"\(color)\", fontcolor=\"\(color)\", "
                out += "fontsize=\"\(CFormat.fixed(theme.fontSize(weight), precision: 2))\", label=\(Self.id(label)), "
                out += "labeldistance=\"\(pen)\", penwidth=\"\(pen)\"];\n"
            }
        }
        out += "}\n"
        return out
    }

    /// Nodes within `depth` steps of `start` (breadth first), following `next`.
    private static func reach(from start: [Int], depth: Int?, next: (Int) -> [Int]) -> Set<Int> {
        var seen = Set(start)
        var frontier = start.sorted()
        var steps = 0
        while !frontier.isEmpty, depth.map({ steps < $0 }) ?? true {
            var following: [Int] = []
            for node in frontier { for n in next(node) where seen.insert(n).inserted { following.append(n) } }
            frontier = following
            steps += 1
        }
        return seen
    }

    /// Only the nodes in `keep`, and only calls between them.
    private static func keeping(_ keep: Set<Int>, of nodes: [Int: Node]) -> [Int: Node] {
        var result: [Int: Node] = [:]
        for k in keep {
            guard var node = nodes[k] else { continue }
            node.calls = node.calls.filter { keep.contains($0.callee) }
            result[k] = node
        }
        return result
    }

    /// gprof2dot's `ratio`: clamped to [0, 1], and 1 when the denominator is 0.
    static func ratio(_ numerator: Double, _ denominator: Double) -> Double {
        if denominator == 0 { return 1.0 }
        let r = numerator / denominator
        if r.isNaN { return 1.0 }
        return min(max(r, 0), 1)
    }

    /// `"%.02f%%" % (ratio * 100)`.
    static func percent(_ ratio: Double) -> String { CFormat.fixed(ratio * 100.0, precision: 2) + "%" }

    /// `module:line:name`: the file's base name without extension, as gprof2dot names functions;
    /// names of 4096 characters or more are cut with `…`, as gprof2dot does for dot's sake.
    static func gprof2dotName(_ key: FunctionKey) -> String {
        // os.path.basename(os.path.splitext(file)[0]): the extension is the last dot after the last
        // slash, unless only dots precede it in the base name.
        let bytes = Array(key.file.utf8)
        let slash = bytes.lastIndex(of: UInt8(ascii: "/")) ?? -1
        var end = bytes.count
        if let dot = bytes.lastIndex(of: UInt8(ascii: ".")), dot > slash,
           bytes[(slash + 1)..<dot].contains(where: { $0 != UInt8(ascii: ".") }) {
            end = dot
        }
        let module = String(decoding: bytes[(slash + 1)..<end], as: UTF8.self)
        let name = "\(module):\(key.line):\(key.name)"
        let scalars = name.unicodeScalars
        guard scalars.count >= 4096 else { return name }
        var cut = String.UnicodeScalarView(scalars.prefix(4095))
        cut.append("…")
        return String(cut)
    }

    /// gprof2dot's `DotWriter.id`: bare when alphanumeric (Python's `isalnum`) and not `0x…`,
    /// otherwise quoted with `\`, newline, tab and `"` escaped.
    static func id(_ value: String) -> String {
        if !value.isEmpty, !value.hasPrefix("0x"), value.unicodeScalars.allSatisfy(isAlphanumeric) { return value }
        var out = "\""
        for c in value.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\"": out += "\\\""
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }

    private static func isAlphanumeric(_ c: Unicode.Scalar) -> Bool {
        switch c.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: true
        default: c.properties.numericType != nil
        }
    }
}
