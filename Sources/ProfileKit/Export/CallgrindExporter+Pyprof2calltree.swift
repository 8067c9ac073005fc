/// pyprof2calltree 1.4.5's callgrind output, byte for byte (reference/pstats-format.md, section c).
extension CallgrindExporter {
    /// What `pyprof2calltree -i X.prof -o X.callgrind` writes: no format/version/positions header,
    /// `summary:` = the largest cumulative time, functions and calls sorted by key, times truncated
    /// toward zero in nanoseconds, `calls=` with the edge's total count, and the cost line at the
    /// caller's first line. Caller keys that are not functions of the profile (which make
    /// pyprof2calltree crash) are left out.
    func writePyprof2calltree(_ profile: Profile, to sink: ByteSink) {
        // Functions only: orphan callers are left out, so the profile's own name ids serve.
        let keys = profile.summaries.map(\.key)
        let ids = profile.nameIDs
        let graph = CallGraph(profile, calleeOrder: FunctionKey.pythonOrder(of: keys, fileIDs: ids.file))
        let count = graph.functionCount
        let names = FunctionNames(keys, ids: ids)
        let scale = 1e9

        var summary = 0.0
        for function in graph.functions {
            let t = (function.cumulativeTime * scale).rounded(.towardZero)
            if t > summary { summary = t }
        }
        var out = ByteWriter(capacity: ByteWriter.chunkSize + 4096)
        out.write("event: ns : Nanoseconds\nevents: ns\nsummary: ")
        out.write(CFormat.truncatedInteger(summary))
        out.write(byte: 10)

        let order = graph.sortedFunctions  // callee lists are in this order too
        // Each node's "cfl=<file>\ncfn=<name>\ncalls=", written whole before a call to it; its
        // definition writes "fl=<file>\n" and "fn=<name>\n" out of the same bytes.
        var text = ByteWriter(capacity: count * 96)
        var chunkAt: [Int] = [], nameLineAt: [Int] = []
        chunkAt.reserveCapacity(count + 1)
        nameLineAt.reserveCapacity(count)
        for node in 0..<count {
            chunkAt.append(text.count)
            text.write("cfl=")
            text.write(keys[node].file)
            nameLineAt.append(text.count + 1)
            text.write("\ncfn=")
            text.write(names.callgrindName(node))
            text.write("\ncalls=")
        }
        chunkAt.append(text.count)
        let callsLabel = 6  // "calls=".count

        let calls = graph.calls
        let lines = keys.map(\.line)
        text.withBuffer { store in
            for node in order {
                let line = lines[node]
                let (start, nameLine, end) = (chunkAt[node], nameLineAt[node], chunkAt[node + 1])
                out.write(UnsafeBufferPointer(rebasing: store[(start + 1)..<nameLine]))
                out.write(UnsafeBufferPointer(rebasing: store[(nameLine + 1)..<(end - callsLabel)]))
                out.write(line)
                out.write(byte: 32)
                Self.writeTruncated(graph.functions[node].selfTime * scale, to: &out)
                out.write(byte: 10)
                for callIndex in graph.outgoing(node) {
                    let callee = calls[callIndex].callee
                    out.write(UnsafeBufferPointer(rebasing: store[chunkAt[callee]..<chunkAt[callee + 1]]))
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
                out.drain(ifOver: ByteWriter.chunkSize, into: sink)
            }
        }
        out.drain(into: sink)
    }

    /// `"%d" % int(x)`.
    private static func writeTruncated(_ x: Double, to out: inout ByteWriter) {
        let t = x.rounded(.towardZero)
        if let exact = Int(exactly: t) { out.write(exact) } else { out.write(CFormat.truncatedInteger(x)) }
    }
}
