/// Draws the bottom row: the open question, the filter being typed, the last outcome, or key hints.
struct FooterView: Sendable {
    /// The key hints, most useful first (the row is cut at the screen's width).
    static let hints: [(key: String, meaning: String)] = [
        ("q", "quit"), ("?", "help"), ("space", "pause"), ("Tab", "panel"), ("<>", "sort"), ("/", "filter"),
        ("1-4", "window"), ("P", "profiler"), ("D", "dump"), ("F", "flush"),
    ]

    /// The model drawn.
    let model: DashboardModel

    /// Draws row `y` of `width` cells.
    func draw(into grid: inout CellGrid, y: Int, width: Int) {
        switch model.prompt {
        case .confirm(let command):
            grid.put(Prompt.question(for: command), x: 0, y: y, style: .warning)
            return
        case .filter:
            grid.put("filter: " + model.filter + "_", x: 0, y: y, style: .selected)
            return
        case nil:
            break
        }
        if let status = model.status {
            grid.put(status.text, x: 0, y: y, style: status.isError ? .error : .good)
            return
        }
        var x = 0
        for hint in Self.hints {
            guard x + hint.key.count + hint.meaning.count + 1 <= width else { break }
            x = grid.put(hint.key, x: x, y: y, style: .selected)
            x = grid.put(" " + hint.meaning, x: x, y: y, style: .dim) + 2
        }
    }
}
