/// A history graph drawn into cells: braille (two samples and four levels per cell) or, in ASCII,
/// one sample and two levels (`.` and `#`) per cell. Newest at the right.
struct HistoryGraph: Sendable {
    /// Samples per cell column.
    let samplesPerColumn: Int
    /// Levels per cell row.
    let levelsPerRow: Int
    private let charset: Charset

    /// A graph in `charset`'s glyphs.
    init(charset: Charset) {
        self.charset = charset
        samplesPerColumn = charset == .unicode ? 2 : 1
        levelsPerRow = charset == .unicode ? 4 : 2
    }

    /// Puts `points` (time, value) spanning `start...end` into `columns` x `rows` cells at (`x`, `y`)
    /// with `scale` at the top. Each slot shows the largest value that fell in it; an empty slot
    /// after a sample repeats the last value (snapshots are sparser than slots in a short window).
    func draw(_ points: [(time: Double, value: Double)], start: Double, end: Double, scale: Double,
              into grid: inout CellGrid, x: Int, y: Int, columns: Int, rows: Int, style: CellStyle) {
        guard columns > 0, rows > 0 else { return }
        let levels = slotLevels(points, start: start, end: end, scale: scale, slots: columns * samplesPerColumn,
                                levels: rows * levelsPerRow)
        for column in 0..<columns {
            let pair = (0..<samplesPerColumn).map { levels[column * samplesPerColumn + $0] }
            for row in 0..<rows {
                // Row 0 is the top; the levels this cell row covers start at `floor`.
                let floor = (rows - 1 - row) * levelsPerRow
                let filled = pair.map { $0.map { Swift.min(Swift.max($0 - floor, 0), levelsPerRow) } }
                grid.put(String(glyph(filled)), x: x + column, y: y + row, style: style)
            }
        }
    }

    /// The level (0...levels) of each slot, nil for slots before the first sample.
    func slotLevels(_ points: [(time: Double, value: Double)], start: Double, end: Double, scale: Double,
                    slots: Int, levels: Int) -> [Int?] {
        var peaks = [Double?](repeating: nil, count: slots)
        let span = Swift.max(end - start, 1e-9)
        for point in points where point.time > start && point.time <= end {
            let slot = Swift.min(slots - 1, Swift.max(0, Int(((point.time - start) / span * Double(slots)).rounded(.up)) - 1))
            peaks[slot] = Swift.max(peaks[slot] ?? 0, point.value.isFinite ? point.value : 0)
        }
        var carried: Double?
        return peaks.map { peak in
            if let peak { carried = peak }
            guard let value = carried else { return nil }
            let fraction = scale > 0 ? Swift.min(1, Swift.max(0, value / scale)) : 0
            let level = Int((fraction * Double(levels)).rounded())
            return value > 0 ? Swift.max(1, level) : 0
        }
    }

    private func glyph(_ filled: [Int?]) -> Character {
        if filled.allSatisfy({ $0 == nil }) { return " " }
        switch charset {
        case .unicode:
            // Braille dots, bottom to top: left column 7,3,2,1; right column 8,6,5,4.
            let left: [UInt32] = [0x40, 0x04, 0x02, 0x01]
            let right: [UInt32] = [0x80, 0x20, 0x10, 0x08]
            var bits: UInt32 = 0
            for level in 0..<(filled[0] ?? 0) { bits |= left[level] }
            for level in 0..<(filled.count > 1 ? filled[1] ?? 0 : 0) { bits |= right[level] }
            return Character(Unicode.Scalar(0x2800 + bits) ?? " ")
        case .ascii:
            switch filled[0] ?? 0 {
            case 0: return " "
            case 1: return "."
            default: return "#"
            }
        }
    }
}
