/// The three reports of pstats, `print_stats`, `print_callers` and `print_callees`, as text that
/// matches CPython's output byte for byte.
extension StatsSession {
    /// What `print_stats(*restrictions)` prints.
    public func statsReport(_ restrictions: [Restriction] = []) -> String {
        var out = ""
        for file in files { out += file + "\n" }
        if !files.isEmpty { out += "\n" }
        out += "         \(totalCalls) function calls "
        if totalCalls != primitiveCalls { out += "(\(primitiveCalls) primitive calls) " }
        out += "in " + CFormat.fixed(totalTime, precision: 3) + " seconds\n\n"
        let list = printList(restrictions, into: &out)
        guard !list.isEmpty else { return out }
        out += "   ncalls  tottime  percall  cumtime  percall filename:lineno(function)\n"
        let functions = profile.summaries
        for i in list { out += StatsSession.row(functions[i]) }
        out += "\n\n"
        return out
    }

    /// What `print_callers(*restrictions)` prints: for each function, who called it.
    public func callersReport(_ restrictions: [Restriction] = []) -> String {
        var out = ""
        let list = printList(restrictions, into: &out)
        guard !list.isEmpty else { return out }
        let width = nameWidth(list)
        callHeading(width: width, title: "was called by...", into: &out)
        let functions = profile.functions
        for i in list {
            let function = functions[i]
            callLine(width: width, source: function.key, edges: function.callers.map { ($0.caller, $0.stats) },
                     arrow: "<-", into: &out)
        }
        out += "\n\n"
        return out
    }

    /// What `print_callees(*restrictions)` prints: for each function, what it called.
    public func calleesReport(_ restrictions: [Restriction] = []) -> String {
        var out = ""
        let list = printList(restrictions, into: &out)
        guard !list.isEmpty else { return out }
        let width = nameWidth(list)
        let callees = calleeTable()
        callHeading(width: width, title: "called...", into: &out)
        let functions = profile.summaries
        for i in list {
            let key = functions[i].key
            callLine(width: width, source: key, edges: callees[key] ?? [], arrow: "->", into: &out)
        }
        out += "\n\n"
        return out
    }

    /// The restricted listing (positions in `profile.functions`), with pstats' messages appended to
    /// `out` (`get_print_list`). Nothing is written for an empty list.
    public func printList(_ restrictions: [Restriction], into out: inout String) -> [Int] {
        var list: [Int]
        var message: String
        if let order, !order.isEmpty {
            list = order
            message = "   Ordered by: " + orderDescription + "\n"
        } else {
            list = Array(0..<profile.count)
            message = "   Random listing order was used\n"
        }
        for restriction in restrictions {
            list = apply(restriction, to: list, message: &message)
        }
        guard !list.isEmpty else { return list }
        out += message + "\n"
        return list
    }

    /// The name column of the callers and callees reports: the longest name of the whole profile
    /// when the listing is complete, else of the listing, plus two (`get_print_list`).
    func nameWidth(_ list: [Int]) -> Int {
        if list.count == profile.count { return maxNameLength + 2 }
        let functions = profile.summaries
        return list.reduce(0) { max($0, functions[$1].key.standardNameLength) } + 2
    }

    /// One restriction step (`eval_print_amount`).
    private func apply(_ restriction: Restriction, to list: [Int], message: inout String) -> [Int] {
        var reduced = list
        switch restriction {
        case .pattern(let pattern):
            guard let matcher = NameMatcher(pattern) else {
                message += "   <Invalid regular expression \(restriction.pythonRepr)>\n"
                return list
            }
            let functions = profile.summaries
            reduced = list.filter { matcher.matches(functions[$0].key.standardName) }
        case .fraction(let x):
            if x >= 0 && x < 1 {
                reduced = Array(list.prefix(Int(Double(list.count) * x + 0.5)))
            }
        case .count(let n):
            if n >= 0 && n < list.count { reduced = Array(list.prefix(n)) }
        }
        if reduced.count != list.count {
            message += "   List reduced from \(list.count) to \(reduced.count) due to restriction <\(restriction.pythonRepr)>\n"
        }
        return reduced
    }

    /// One line of `print_stats`.
    static func row(_ f: FunctionStats) -> String {
        var count = String(f.calls)
        if f.calls != f.primitiveCalls { count += "/" + String(f.primitiveCalls) }
        let blank = "        "
        var line = leftPadded(count, to: 9) + " " + CFormat.f8(f.selfTime) + " "
        line += (f.calls == 0 ? blank : CFormat.f8(f.selfTime / Double(f.calls))) + " "
        line += CFormat.f8(f.cumulativeTime) + " "
        line += (f.primitiveCalls == 0 ? blank : CFormat.f8(f.cumulativeTime / Double(f.primitiveCalls))) + " "
        return line + f.key.standardName + "\n"
    }

    private func callHeading(width: Int, title: String, into out: inout String) {
        out += StatsSession.rightPadded("Function ", to: width) + title + "\n"
        // pstats prints the column titles when the first non-empty callers dict holds tuples,
        // which every cProfile edge is.
        if profile.functions.contains(where: { !$0.callers.isEmpty }) {
            out += String(repeating: " ", count: width) + "    ncalls  tottime  cumtime\n"
        }
    }

    private func callLine(width: Int, source: FunctionKey, edges: [(FunctionKey, EdgeStats)],
                          arrow: String, into out: inout String) {
        out += StatsSession.rightPadded(source.standardName, to: width) + arrow + " "
        if edges.isEmpty {
            out += "\n"
            return
        }
        let sorted = edges.sorted { FunctionKey.pythonOrder($0.0, $1.0) }
        for (n, (key, stats)) in sorted.enumerated() {
            var counts = String(stats.calls)
            if stats.calls != stats.primitiveCalls { counts += "/" + String(stats.primitiveCalls) }
            if n > 0 { out += String(repeating: " ", count: width + 1) }
            out += StatsSession.leftPadded(counts, to: n == 0 ? 7 : 9) + " " + CFormat.f8(stats.selfTime) + " "
                + CFormat.f8(stats.cumulativeTime) + "  " + key.standardName + "\n"
        }
    }

    /// `calc_callees`: every function's callees, from the callers lists, in stats order.
    private func calleeTable() -> [FunctionKey: [(FunctionKey, EdgeStats)]] {
        var table: [FunctionKey: [(FunctionKey, EdgeStats)]] = [:]
        for function in profile.functions {
            for edge in function.callers {
                table[edge.caller, default: []].append((function.key, edge.stats))
            }
        }
        return table
    }

    /// Python's `str.rjust`: padded on the left to `width` characters, never cut.
    static func leftPadded(_ s: String, to width: Int) -> String {
        let n = CodePoint.count(s)
        return n >= width ? s : String(repeating: " ", count: width - n) + s
    }

    /// Python's `str.ljust`.
    static func rightPadded(_ s: String, to width: Int) -> String {
        let n = CodePoint.count(s)
        return n >= width ? s : s + String(repeating: " ", count: width - n)
    }
}
