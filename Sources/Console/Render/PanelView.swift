import ProfileKit

/// Draws the panel area: tabs with the sort and filter, column headings, and the selected
/// panel's rows over the graph window.
struct PanelView: Sendable {
    /// The model drawn.
    let model: DashboardModel

    /// Draws into `width` x `height` cells from row `y`.
    func draw(into grid: inout CellGrid, y: Int, width: Int, height: Int) {
        guard height > 0 else { return }
        var column = 0
        let fullWidth = Panel.allCases.reduce(0) { $0 + $1.title.count + 3 }
        for panel in Panel.allCases {
            let title = " \(fullWidth > width ? panel.shortTitle : panel.title) "
            column = grid.put(title, x: column, y: y, style: panel == model.panel ? .selected : .label) + 1
        }
        var notes: [String] = []
        if !model.filter.isEmpty || model.prompt == .filter { notes.append("filter: \(model.filter)") }
        if model.panel == .sessions {
            if let list = model.latest?.sessionList {
                notes.append(list.isCapped ? "\(MetricsFormat.count(list.sessions.count)) of \(MetricsFormat.count(list.total))"
                                           : "\(MetricsFormat.count(list.total)) connected")
            }
        } else {
            notes.append("over \(model.graphWindow.label)")
        }
        let note = notes.joined(separator: "  ")
        if column + note.count < width { grid.put(note, x: width - note.count, y: y, style: .dim) }
        guard height > 1 else { return }
        let window = model.windowHistory
        switch model.panel {
        case .slowestCommands:
            let rows = filtered(CommandRow.aggregate(window), name: \.name)
            table(rows, CommandRow.columns, empty: "no commands in the window", into: &grid, y: y + 1, width: width,
                  height: height - 1)
        case .hotFunctions:
            let rows = filtered(FunctionRow.aggregate(window), name: \.name)
            let running = model.latest?.profiler.running ?? false
            let empty = running ? "no function time in the window" : "profiler off: press P to start it"
            table(rows, FunctionRow.columns, empty: empty, into: &grid, y: y + 1, width: width, height: height - 1)
        case .sessions:
            let list = model.latest?.sessionList
            let rows = filtered(list.map(SessionRow.rows) ?? [], name: \.searchText)
            table(rows, SessionRow.columns, flexible: SessionRow.flexibleColumn, empty: sessionsEmptyText(list),
                  into: &grid, y: y + 1, width: width, height: height - 1)
        }
    }

    /// Why the sessions panel has no row.
    private func sessionsEmptyText(_ list: SessionList?) -> String {
        if let list {
            return list.total == 0 ? "no sessions connected" : "no session matches the filter"
        }
        switch model.connection {
        case .replaying, .replayEnded:
            return "no session list in this recording"
        default:
            if let version = model.serverProtocol, version < AdminProtocolVersion(major: 1, minor: 1) {
                return "the server (admin protocol \(version)) sends no session list"
            }
            return model.latest == nil ? "waiting for the first snapshot" : "waiting for the session list"
        }
    }

    private func filtered<Row>(_ rows: [Row], name: KeyPath<Row, String>) -> [Row] {
        guard !model.filter.isEmpty else { return rows }
        let needle = model.filter.lowercased()
        return rows.filter { $0[keyPath: name].lowercased().contains(needle) }
    }

    private func table<Row>(_ rows: [Row], _ columns: [PanelColumn<Row>], flexible: Int = 0, empty: String,
                            into grid: inout CellGrid, y: Int, width: Int, height: Int) {
        let sort = model.sorts[model.panel, default: model.panel.defaultSort]
        let widths = layout(columns, width: width, flexible: flexible)
        var x = 0
        for (index, column) in columns.enumerated() where widths[index] > 0 {
            let arrows: (String, String) = model.charset == .unicode ? ("▼", "▲") : ("v", "^")
            let title = column.title + (index == sort.column ? (sort.descending ? arrows.0 : arrows.1) : "")
            grid.put(MetricsFormat.fit(title, widths[index], right: column.alignRight), x: x, y: y,
                     style: index == sort.column ? .selected : .label)
            x += widths[index] + 1
        }
        guard height > 1 else { return }
        if rows.isEmpty {
            grid.put(empty, x: 1, y: y + 1, style: .dim)
            return
        }
        for (line, row) in rows.sorted(by: sort, in: columns).prefix(height - 1).enumerated() {
            x = 0
            for (index, column) in columns.enumerated() where widths[index] > 0 {
                grid.put(MetricsFormat.fit(column.text(row), widths[index], right: column.alignRight), x: x,
                         y: y + 1 + line)
                x += widths[index] + 1
            }
        }
    }

    /// Column widths for `width` cells: columns keep theirs while they fit (right ones dropped
    /// first); the `flexible` column, or the first if that was dropped, takes the rest.
    private func layout<Row>(_ columns: [PanelColumn<Row>], width: Int, flexible: Int = 0) -> [Int] {
        var widths = columns.map(\.width)
        func total() -> Int { widths.reduce(0) { $0 + ($1 > 0 ? $1 + 1 : 0) } - 1 }
        var drop = columns.count - 1
        while total() > width, drop > 0 {
            widths[drop] = 0
            drop -= 1
        }
        let growing = widths.indices.contains(flexible) && widths[flexible] > 0 ? flexible : 0
        widths[growing] = max(1, widths[growing] + width - total())
        return widths
    }
}
