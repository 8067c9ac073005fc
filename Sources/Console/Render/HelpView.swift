/// The help screen: every key and what it does, in a box over the dashboard.
struct HelpView: Sendable {
    /// The keys, as the help screen lists them.
    static let lines: [(keys: String, meaning: String)] = [
        ("q", "quit"),
        ("? h", "this help (any key closes it)"),
        ("space", "pause the graphs (data keeps arriving)"),
        ("Tab", "next panel"),
        ("< > arrows", "sort column; up/down flips the order"),
        ("/", "filter the panel by name (Esc clears)"),
        ("1 2 3 4", "graph window: 1 min, 10 min, 1 h, all"),
        ("P", "start or stop the profiler (asks first)"),
        ("D", "dump the profile to a file (asks first)"),
        ("F", "flush idle objects (asks first)"),
    ]

    /// Glyphs to use.
    let charset: Charset

    /// Draws the box centred in the grid, clipped to it.
    func draw(into grid: inout CellGrid) {
        let width = min(grid.width, 60)
        let height = min(grid.height, Self.lines.count + 4)
        guard width >= 10, height >= 3 else { return }
        let x = (grid.width - width) / 2
        let y = (grid.height - height) / 2
        let (corner, horizontal, vertical) = charset == .unicode ? (["┌", "┐", "└", "┘"], "─", "│") : (["+", "+", "+", "+"], "-", "|")
        let rule = String(repeating: horizontal, count: width - 2)
        grid.put(corner[0] + rule + corner[1], x: x, y: y, style: .label)
        for row in 1..<(height - 1) {
            grid.put(vertical + String(repeating: " ", count: width - 2) + vertical, x: x, y: y + row, style: .label)
        }
        grid.put(corner[2] + rule + corner[3], x: x, y: y + height - 1, style: .label)
        grid.put(" mudtop keys ", x: x + 2, y: y, style: .selected)
        for (index, line) in Self.lines.prefix(height - 3).enumerated() {
            grid.put(line.keys, x: x + 2, y: y + 2 + index, style: .selected, limit: 11)
            grid.put(line.meaning, x: x + 14, y: y + 2 + index, style: .plain, limit: width - 16)
        }
    }
}
