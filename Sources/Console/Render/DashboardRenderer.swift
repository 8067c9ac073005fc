import ProfileKit

/// `render(model, size) -> grid`: the whole screen as a pure function of the model, laid out for
/// any size down to 40x10 (smaller sizes get a one-line request to enlarge).
enum DashboardRenderer {
    /// The smallest screen the dashboard lays out.
    static let minimumWidth = 40
    /// The smallest screen height the dashboard lays out.
    static let minimumHeight = 10

    /// The screen for `model` at `width` x `height`.
    static func render(_ model: DashboardModel, width: Int, height: Int) -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        guard width >= minimumWidth, height >= minimumHeight else {
            grid.put("mudtop needs \(minimumWidth)x\(minimumHeight)", x: 0, y: 0, style: .warning)
            return grid
        }
        HeaderView(model: model).draw(into: &grid, width: width)
        let body = height - 3
        let meters = Meter.all
        let meterHeight = body >= meters.count * 3 + 8 ? 3 : body >= meters.count * 2 + 8 ? 2 : 1
        let shown = min(meters.count, body)
        let window = model.windowHistory
        let end = window.last?.time ?? 0
        let start = model.graphWindow.seconds.map { end - $0 } ?? (window.first.map { $0.time - 1 } ?? end - 60)
        for (index, meter) in meters.prefix(shown).enumerated() {
            MeterView(meter: meter, charset: model.charset).draw(
                window, start: start, end: end, into: &grid, x: 0, y: 2 + index * meterHeight, width: width,
                height: meterHeight)
        }
        let panelTop = 2 + shown * meterHeight
        let panelHeight = height - 1 - panelTop
        if panelHeight >= 2 {
            PanelView(model: model).draw(into: &grid, y: panelTop, width: width, height: panelHeight)
        }
        FooterView(model: model).draw(into: &grid, y: height - 1, width: width)
        if model.showingHelp { HelpView(charset: model.charset).draw(into: &grid) }
        if model.charset == .ascii { asciiOnly(&grid) }
        return grid
    }

    /// Replaces every non-ASCII character (from the server's names) with `?`.
    private static func asciiOnly(_ grid: inout CellGrid) {
        for y in 0..<grid.height {
            for x in 0..<grid.width where !grid[x, y].character.isASCII {
                grid[x, y].character = "?"
            }
        }
    }
}
