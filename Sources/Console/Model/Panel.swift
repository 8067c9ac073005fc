/// The table under the meters; Tab moves between them.
enum Panel: Int, CaseIterable, Sendable {
    /// Commands with the most total time over the graph window.
    case slowestCommands
    /// Functions with the most self time over the graph window (while the profiler runs).
    case hotFunctions
    /// The sessions connected now (name, address, idle, commands, room).
    case sessions

    /// The tab title.
    var title: String {
        switch self {
        case .slowestCommands: "Slowest commands"
        case .hotFunctions: "Hot functions"
        case .sessions: "Sessions"
        }
    }

    /// The tab title when the full ones do not fit on one row.
    var shortTitle: String {
        switch self {
        case .slowestCommands: "Commands"
        case .hotFunctions: "Functions"
        case .sessions: "Sessions"
        }
    }

    /// How many sortable columns the panel has.
    var columnCount: Int {
        switch self {
        case .slowestCommands: CommandRow.columns.count
        case .hotFunctions: FunctionRow.columns.count
        case .sessions: SessionRow.columns.count
        }
    }

    /// The sort a panel starts with: its time column, largest first; sessions least idle first.
    var defaultSort: PanelSort {
        switch self {
        case .slowestCommands: PanelSort(column: 2, descending: true)
        case .hotFunctions: PanelSort(column: 2, descending: true)
        case .sessions: PanelSort(column: 1, descending: false)
        }
    }
}

/// Which column a panel is sorted by, and which way.
struct PanelSort: Equatable, Sendable {
    /// Index into the panel's column table.
    var column: Int
    /// Largest first.
    var descending: Bool
}
