import ProfileKit

/// A function's self time over the graph window (the hot-functions panel's row).
struct FunctionRow: Equatable, Sendable {
    /// The function's name.
    var name: String
    /// Where it is defined, `file:line`.
    var location: String
    /// Self time summed over the window, in seconds.
    var selfSeconds: Double
    /// Calls summed over the window.
    var calls: Int

    /// Self time per call, in seconds.
    var perCallSeconds: Double { calls == 0 ? 0 : selfSeconds / Double(calls) }

    /// The panel's columns, in order.
    static let columns: [PanelColumn<FunctionRow>] = [
        PanelColumn(title: "function", width: 24, alignRight: false, text: { $0.name },
                    ascending: { $0.name < $1.name }),
        PanelColumn(title: "where", width: 22, alignRight: false, text: { $0.location },
                    ascending: { $0.location < $1.location }),
        PanelColumn(title: "self", width: 9, alignRight: true, text: { MetricsFormat.duration($0.selfSeconds) },
                    ascending: { $0.selfSeconds < $1.selfSeconds }),
        PanelColumn(title: "calls", width: 9, alignRight: true, text: { MetricsFormat.count($0.calls) },
                    ascending: { $0.calls < $1.calls }),
        PanelColumn(title: "per call", width: 9, alignRight: true, text: { MetricsFormat.duration($0.perCallSeconds) },
                    ascending: { $0.perCallSeconds < $1.perCallSeconds }),
    ]

    /// The window's hot functions, summed by name and place, in name order.
    static func aggregate(_ snapshots: some Sequence<MetricsSnapshot>) -> [FunctionRow] {
        var rows: [String: FunctionRow] = [:]
        for snapshot in snapshots {
            for function in snapshot.profiler.hotFunctions {
                let location = "\(function.file):\(function.line)"
                let key = function.name + "\u{0}" + location
                var row = rows[key] ?? FunctionRow(name: function.name, location: location, selfSeconds: 0, calls: 0)
                row.selfSeconds += function.selfSeconds
                row.calls += function.calls
                rows[key] = row
            }
        }
        return rows.values.sorted { ($0.name, $0.location) < ($1.name, $1.location) }
    }
}
