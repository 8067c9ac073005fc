/// The table under the meters; Tab moves between them.
enum Panel: Int, CaseIterable, Sendable {
    /// Commands with the most total time over the graph window.
    case slowestCommands
    /// Functions with the most self time over the graph window (while the profiler runs).
    case hotFunctions

    /// The tab title.
    var title: String {
        switch self {
        case .slowestCommands: "Slowest commands"
        case .hotFunctions: "Hot functions"
        }
    }

    /// How many sortable columns the panel has.
    var columnCount: Int {
        switch self {
        case .slowestCommands: CommandRow.columns.count
        case .hotFunctions: FunctionRow.columns.count
        }
    }

    /// The sort a panel starts with: its time column, largest first.
    var defaultSort: PanelSort {
        switch self {
        case .slowestCommands: PanelSort(column: 2, descending: true)
        case .hotFunctions: PanelSort(column: 2, descending: true)
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
