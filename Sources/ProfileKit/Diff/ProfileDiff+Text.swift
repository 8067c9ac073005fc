/// The diff as a fixed-width text table, one function per line.
extension ProfileDiff {
    /// The text report: both totals, then `entries` (or the given subset, in its order).
    ///
    /// ```
    /// base:      324 function calls (104 primitive calls) in 0.000 seconds
    /// new:       412 function calls (120 primitive calls) in 0.001 seconds
    ///
    ///    Δncalls      Δtottime  tottime%      Δcumtime  cumtime%  status     filename:lineno(function)
    ///        +88     +0.000120   +45.12%     +0.000300   +12.00%  changed    tiny.py:4(fact)
    /// ```
    /// Times are seconds; a percentage is `new` for a new function and `-` when the base value is 0.
    public func text(entries selected: [Entry]? = nil) -> String {
        var out = "base: " + Self.totalsLine(baseTotals) + "\n"
        out += "new:  " + Self.totalsLine(newTotals) + "\n"
        let callChange = newTotals.calls - baseTotals.calls
        out += "change: \(callChange > 0 ? "+" : "")\(callChange) calls, "
        out += Self.signedSeconds(newTotals.time - baseTotals.time) + " seconds"
        if baseTotals.time != 0 {
            out += " (" + Self.signedPercent((newTotals.time - baseTotals.time) / baseTotals.time * 100) + ")"
        }
        out += "\n\n"
        out += "   Δncalls      Δtottime  tottime%      Δcumtime  cumtime%  status     filename:lineno(function)\n"
        for entry in selected ?? entries {
            let c = entry.change, p = entry.percentChange
            out += Self.pad(Self.signed(c.calls), 10) + "  " + Self.pad(Self.signedSeconds(c.selfTime), 12) + "  "
            out += Self.pad(Self.percentText(p.selfTime, entry), 8) + "  "
            out += Self.pad(Self.signedSeconds(c.cumulativeTime), 12) + "  "
            out += Self.pad(Self.percentText(p.cumulativeTime, entry), 8) + "  "
            let status = entry.status.rawValue
            out += status + String(repeating: " ", count: max(11 - status.count, 1)) + entry.key.standardName + "\n"
        }
        return out
    }

    static func totalsLine(_ t: ProfileTotals) -> String {
        var s = "\(t.calls) function calls"
        if t.calls != t.primitiveCalls { s += " (\(t.primitiveCalls) primitive calls)" }
        return s + " in " + CFormat.fixed(t.time, precision: 3) + " seconds"
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
    }

    static func signed(_ n: Int) -> String { n > 0 ? "+\(n)" : "\(n)" }

    static func signedSeconds(_ x: Double) -> String {
        let s = CFormat.fixed(x, precision: 6)
        if s == "-0.000000" { return "0.000000" }
        return x > 0 && s != "0.000000" ? "+" + s : s
    }

    static func signedPercent(_ x: Double) -> String {
        let s = CFormat.fixed(x, precision: 2)
        if s == "-0.00" || s == "0.00" { return "0.00%" }
        return (x > 0 ? "+" : "") + s + "%"
    }

    static func percentText(_ percent: Double?, _ entry: Entry) -> String {
        if let percent { return signedPercent(percent) }
        return entry.status == .new ? "new" : "-"
    }
}
