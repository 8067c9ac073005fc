/// pyprof2calltree 1.4.5's callgrind output, byte for byte (reference/pstats-format.md, section c).
extension CallgrindExporter {
    /// What `pyprof2calltree -i X.prof -o X.callgrind` writes: no format/version/positions header,
    /// `summary:` = the largest cumulative time, functions and calls sorted by key, times truncated
    /// toward zero in nanoseconds, `calls=` with the edge's total count, and the cost line at the
    /// caller's first line. Caller keys that are not functions of the profile (which make
    /// pyprof2calltree crash) are left out.
    func pyprof2calltreeBytes(for profile: Profile) -> [UInt8] {
        let graph = CallGraph(profile)
        let count = graph.functionCount
        let names = FunctionNames(Array(graph.keys[..<count]))
        let scale = 1e9

        var summary = 0.0
        for function in graph.functions {
            let t = (function.cumulativeTime * scale).rounded(.towardZero)
            if t > summary { summary = t }
        }
        var out = ByteWriter(capacity: count * 100 + graph.calls.count * 100)
        out.write("event: ns : Nanoseconds\nevents: ns\nsummary: ")
        out.write(CFormat.truncatedInteger(summary))
        out.write(byte: 10)

        // Sort once; callee lists are then ordered by rank.
        let order = FunctionKey.pythonOrder(of: Array(graph.keys[..<count]))
        var rank = [Int](repeating: 0, count: count)
        for (position, node) in order.enumerated() { rank[node] = position }
        // Every "fl=<file>\nfn=<name>" (and "cfl=…\ncfn=…" is the same with a "c" before each).
        var text = ByteWriter(capacity: count * 64)
        var fileAt: [Range<Int>] = [], nameAt: [Range<Int>] = []
        fileAt.reserveCapacity(count)
        nameAt.reserveCapacity(count)
        for node in 0..<count {
            let a = text.bytes.count
            text.write(graph.keys[node].file)
            let b = text.bytes.count
            text.write(names.callgrindName(node))
            fileAt.append(a..<b)
            nameAt.append(b..<text.bytes.count)
        }
        let store = text.bytes

        let calls = graph.calls
        let lines = graph.keys.map(\.line)
        let selfTimes = graph.functions.map(\.selfTime)
        var callees: [Int] = []
        for node in order {
            let line = lines[node]
            out.write("fl=")
            out.write(store[fileAt[node]])
            out.write("\nfn=")
            out.write(store[nameAt[node]])
            out.write(byte: 10)
            out.write(line)
            out.write(byte: 32)
            Self.writeTruncated(selfTimes[node] * scale, to: &out)
            out.write(byte: 10)
            callees.removeAll(keepingCapacity: true)
            for callIndex in graph.outgoing(node) where calls[callIndex].callee < count { callees.append(callIndex) }
            callees.sort { rank[calls[$0].callee] < rank[calls[$1].callee] }
            for callIndex in callees {
                let callee = calls[callIndex].callee
                out.write("cfl=")
                out.write(store[fileAt[callee]])
                out.write("\ncfn=")
                out.write(store[nameAt[callee]])
                out.write("\ncalls=")
                out.write(calls[callIndex].stats.calls)
                out.write(byte: 32)
                out.write(lines[callee])
                out.write(byte: 10)
                out.write(line)
                out.write(byte: 32)
                Self.writeTruncated(calls[callIndex].stats.cumulativeTime * scale, to: &out)
                out.write(byte: 10)
            }
            out.write(byte: 10)
        }
        return out.bytes
    }

    /// `"%d" % int(x)`.
    private static func writeTruncated(_ x: Double, to out: inout ByteWriter) {
        let t = x.rounded(.towardZero)
        if let exact = Int(exactly: t) { out.write(exact) } else { out.write(CFormat.truncatedInteger(x)) }
    }
}
