/// Writes an ordered selection of a profile's functions as JSON, the schema documented in
/// share/doc/profstats-json.md (`"schema": "profstats-json/1"`). The command line passes the
/// functions it would print, sorted and restricted; the output keeps that order.
public struct JSONExporter: ProfileExporter {
    /// The format this exporter writes.
    public static let format = ExportFormat.json

    /// The schema name and version written in every file.
    public static let schema = "profstats-json/1"

    /// The functions to write, in order; nil writes every function in profile order. Keys that are
    /// not in the profile are skipped.
    public var selection: [FunctionKey]?

    /// The totals to write; nil sums them from the profile.
    public var totals: ProfileTotals?

    /// An exporter for this selection (and these totals, when the caller has them, e.g. from a
    /// merged `StatsSession`).
    public init(selection: [FunctionKey]? = nil, totals: ProfileTotals? = nil) {
        self.selection = selection
        self.totals = totals
    }

    /// The JSON for a profile; stacks are refused.
    public func export(_ source: ExportSource) throws(ExportError) -> [UInt8] {
        guard case .profile(let profile) = source else { throw .needsProfile(Self.format) }
        return Array(text(for: profile).utf8)
    }

    /// The JSON text for a profile: one function per line.
    public func text(for profile: Profile) -> String {
        let all = profile.functions  // once: a profile read from a file may decode its callers here
        let functions = selection.map { $0.compactMap { profile.index(of: $0).map { all[$0] } } } ?? all
        let totals = totals ?? ProfileTotals(profile)
        return JSONText.document([
            ("schema", JSONText.string(Self.schema)), ("total_calls", String(totals.calls)),
            ("primitive_calls", String(totals.primitiveCalls)), ("total_time", JSONText.number(totals.time)),
            ("function_count", String(totals.functionCount)),
        ], itemsKey: "functions", items: functions.map(Self.object))
    }

    static func object(_ f: FunctionStats) -> String {
        let callers = f.callers.sorted { FunctionKey.pythonOrder($0.caller, $1.caller) }.map { edge in
            JSONText.object(JSONText.keyMembers(edge.caller) + [
                ("ncalls", String(edge.stats.calls)), ("primitive_calls", String(edge.stats.primitiveCalls)),
                ("tottime", JSONText.number(edge.stats.selfTime)),
                ("cumtime", JSONText.number(edge.stats.cumulativeTime)),
            ])
        }
        return JSONText.object(JSONText.keyMembers(f.key) + [
            ("ncalls", String(f.calls)), ("primitive_calls", String(f.primitiveCalls)),
            ("tottime", JSONText.number(f.selfTime)),
            ("tottime_per_call", JSONText.number(f.calls == 0 ? nil : f.selfTime / Double(f.calls))),
            ("cumtime", JSONText.number(f.cumulativeTime)),
            ("cumtime_per_call", JSONText.number(f.primitiveCalls == 0 ? nil : f.cumulativeTime / Double(f.primitiveCalls))),
            ("callers", "[" + callers.joined(separator: ", ") + "]"),
        ])
    }
}
