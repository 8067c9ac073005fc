import ProfileKit

/// A command name's time over the graph window (the slowest-commands panel's row).
struct CommandRow: Equatable, Sendable {
    /// The command name.
    var name: String
    /// How many ran.
    var count: Int
    /// Their total latency, in seconds.
    var totalSeconds: Double
    /// The worst per-interval p99 in the window, in seconds.
    var p99Seconds: Double

    /// Mean latency per run, in seconds.
    var meanSeconds: Double { count == 0 ? 0 : totalSeconds / Double(count) }

    /// The panel's columns, in order.
    static let columns: [PanelColumn<CommandRow>] = [
        PanelColumn(title: "command", width: 20, alignRight: false, text: { $0.name },
                    ascending: { $0.name < $1.name }),
        PanelColumn(title: "count", width: 9, alignRight: true, text: { MetricsFormat.count($0.count) },
                    ascending: { $0.count < $1.count }),
        PanelColumn(title: "total", width: 9, alignRight: true, text: { MetricsFormat.duration($0.totalSeconds) },
                    ascending: { $0.totalSeconds < $1.totalSeconds }),
        PanelColumn(title: "mean", width: 9, alignRight: true, text: { MetricsFormat.duration($0.meanSeconds) },
                    ascending: { $0.meanSeconds < $1.meanSeconds }),
        PanelColumn(title: "p99", width: 9, alignRight: true, text: { MetricsFormat.duration($0.p99Seconds) },
                    ascending: { $0.p99Seconds < $1.p99Seconds }),
    ]

    /// The window's commands, summed by name, in name order.
    static func aggregate(_ snapshots: some Sequence<MetricsSnapshot>) -> [CommandRow] {
        var rows: [String: CommandRow] = [:]
        for snapshot in snapshots {
            for command in snapshot.slowestCommands {
                var row = rows[command.name] ?? CommandRow(name: command.name, count: 0, totalSeconds: 0, p99Seconds: 0)
                row.count += command.count
                row.totalSeconds += command.totalSeconds
                row.p99Seconds = max(row.p99Seconds, command.p99Seconds)
                rows[command.name] = row
            }
        }
        return rows.values.sorted { $0.name < $1.name }
    }
}
