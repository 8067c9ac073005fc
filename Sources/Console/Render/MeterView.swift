import ProfileKit

/// Draws any `Meter` as one block: label, current value, a bar (when there is room), a history
/// graph over the graph window, and the axis top at the right (`0` at the bottom when taller).
struct MeterView: Sendable {
    /// Label column width.
    static let labelWidth = 8
    /// Value column width.
    static let valueWidth = 9
    /// Scale column width.
    static let scaleWidth = 10

    /// The meter drawn.
    let meter: Meter
    /// Glyphs to use.
    let charset: Charset

    /// Draws the meter for `window` (oldest first; the last is the current value) spanning
    /// `start...end`, into `width` x `height` cells at (`x`, `y`).
    func draw(_ window: ArraySlice<MetricsSnapshot>, start: Double, end: Double,
              into grid: inout CellGrid, x: Int, y: Int, width: Int, height: Int) {
        guard height > 0, width > 0 else { return }
        let points = window.map { (time: $0.time, value: meter.value($0)) }
        let current = points.last?.value
        let scale = meter.scale(for: points.lazy.map(\.value))
        grid.put(meter.label, x: x, y: y, style: .label, limit: Self.labelWidth)
        let valueText = current.map(meter.unit.format) ?? "-"
        grid.put(MetricsFormat.fit(valueText, Self.valueWidth, right: true), x: x + Self.labelWidth, y: y, style: .plain)
        var column = x + Self.labelWidth + Self.valueWidth + 1
        let right = x + width
        let barWidth = width >= 60 ? Swift.min(22, width / 6) : 0
        if barWidth >= 4 {
            drawBar(fraction: (current ?? 0) / scale, into: &grid, x: column, y: y, width: barWidth)
            column += barWidth + 1
        }
        let graphColumns = right - Self.scaleWidth - column
        if graphColumns > 0 {
            HistoryGraph(charset: charset).draw(points, start: start, end: end, scale: scale, into: &grid,
                                                x: column, y: y, columns: graphColumns, rows: height, style: meter.style)
        }
        let scaleText = meter.unit.format(scale)
        grid.put(MetricsFormat.fit(scaleText, Self.scaleWidth - 1, right: true), x: right - Self.scaleWidth + 1, y: y, style: .dim)
        if height > 1 {
            grid.put(MetricsFormat.fit("0", Self.scaleWidth - 1, right: true), x: right - Self.scaleWidth + 1,
                     y: y + height - 1, style: .dim)
        }
    }

    private func drawBar(fraction: Double, into grid: inout CellGrid, x: Int, y: Int, width: Int) {
        let inner = width - 2
        let clamped = fraction.isFinite ? Swift.min(1, Swift.max(0, fraction)) : 0
        grid.put(charset == .unicode ? "▕" : "[", x: x, y: y, style: .dim)
        grid.put(charset == .unicode ? "▏" : "]", x: x + width - 1, y: y, style: .dim)
        switch charset {
        case .unicode:
            // Eighths of a cell: the bar grows smoothly.
            let eighths = Int((clamped * Double(inner * 8)).rounded())
            let partial: [Character] = [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
            for cell in 0..<inner {
                let filled = Swift.min(8, Swift.max(0, eighths - cell * 8))
                grid.put(String(filled == 8 ? "█" : partial[filled]), x: x + 1 + cell, y: y, style: meter.style)
            }
        case .ascii:
            let filled = Int((clamped * Double(inner)).rounded())
            grid.put(String(repeating: "|", count: filled), x: x + 1, y: y, style: meter.style)
        }
    }
}
