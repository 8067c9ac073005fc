/// The diff as JSON, schema `profstats-diff/1` (share/doc/profstats-json.md).
extension ProfileDiff {
    /// The schema name and version written in every diff file.
    public static let jsonSchema = "profstats-diff/1"

    /// The JSON report: both totals, then `entries` (or the given subset, in its order), one
    /// function per line.
    public func json(entries selected: [Entry]? = nil) -> String {
        JSONText.document([("schema", JSONText.string(Self.jsonSchema)), ("base", Self.totals(baseTotals)),
                           ("new", Self.totals(newTotals))],
                          itemsKey: "functions", items: (selected ?? entries).map(Self.object))
    }

    static func totals(_ t: ProfileTotals) -> String {
        JSONText.object([("total_calls", String(t.calls)), ("primitive_calls", String(t.primitiveCalls)),
                         ("total_time", JSONText.number(t.time)), ("function_count", String(t.functionCount))])
    }

    static func numbers(_ n: Numbers?) -> String {
        guard let n else { return "null" }
        return JSONText.object([("ncalls", String(n.calls)), ("primitive_calls", String(n.primitiveCalls)),
                                ("tottime", JSONText.number(n.selfTime)), ("cumtime", JSONText.number(n.cumulativeTime))])
    }

    static func object(_ e: Entry) -> String {
        let c = e.change, p = e.percentChange
        return JSONText.object(JSONText.keyMembers(e.key) + [
            ("status", JSONText.string(e.status.rawValue)),
            ("base", numbers(e.base)), ("new", numbers(e.new)),
            ("change", JSONText.object([("ncalls", String(c.calls)), ("primitive_calls", String(c.primitiveCalls)),
                                        ("tottime", JSONText.number(c.selfTime)),
                                        ("cumtime", JSONText.number(c.cumulativeTime))])),
            ("percent", JSONText.object([("ncalls", JSONText.number(p.calls)), ("tottime", JSONText.number(p.selfTime)),
                                         ("cumtime", JSONText.number(p.cumulativeTime))])),
        ])
    }
}
