/// pyprof2calltree 1.4.5's callgrind output, byte for byte (reference/pstats-format.md, section c).
extension CallgrindExporter {
    /// What `pyprof2calltree -i X.prof -o X.callgrind` writes: no format/version/positions header,
    /// `summary:` = the largest cumulative time, functions and calls sorted by key, times truncated
    /// toward zero in nanoseconds, `calls=` with the edge's total count, and the cost line at the
    /// caller's first line. Caller keys that are not functions of the profile (which make
    /// pyprof2calltree crash) are left out.
    func pyprof2calltreeText(for profile: Profile) -> String {
        let graph = CallGraph(profile)
        let names = FunctionNames(Array(graph.keys[..<graph.functionCount]))
        let scale = 1e9

        var summary = 0.0
        for function in graph.functions {
            let t = (function.cumulativeTime * scale).rounded(.towardZero)
            if t > summary { summary = t }
        }
        var out = "event: ns : Nanoseconds\nevents: ns\nsummary: \(CFormat.truncatedInteger(summary))\n"
        out.reserveCapacity(graph.functionCount * 120)

        let byKey = { (a: Int, b: Int) in FunctionKey.pythonOrder(graph.keys[a], graph.keys[b]) }
        for node in (0..<graph.functionCount).sorted(by: byKey) {
            let function = graph.functions[node]
            out += "fl=\(function.key.file)\nfn=\(names.callgrindName(node))\n"
            out += "\(function.key.line) \(CFormat.truncatedInteger(function.selfTime * scale))\n"
            let calls = graph.outgoing[node].map { graph.calls[$0] }.sorted { byKey($0.callee, $1.callee) }
            for call in calls where !graph.isOrphan(call.callee) {
                let callee = graph.keys[call.callee]
                out += "cfl=\(callee.file)\ncfn=\(names.callgrindName(call.callee))\n"
                out += "calls=\(call.stats.calls) \(callee.line)\n"
                out += "\(function.key.line) \(CFormat.truncatedInteger(call.stats.cumulativeTime * scale))\n"
            }
            out += "\n"
        }
        return out
    }
}
