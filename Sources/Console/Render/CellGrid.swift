/// A screen as a value: `height` rows of `width` cells. The renderer writes it, tests compare its
/// text with golden files, the curses adapter copies it to the terminal.
struct CellGrid: Equatable, Sendable {
    /// Columns.
    let width: Int
    /// Rows.
    let height: Int
    /// Row-major cells.
    private(set) var cells: [Cell]

    /// A blank grid; negative sizes count as zero.
    init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    /// The cell at column `x`, row `y`.
    subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Writes `text` from column `x` of row `y`, clipped to `limit` cells and to the grid;
    /// returns the column after the last cell written.
    @discardableResult
    mutating func put(_ text: String, x: Int, y: Int, style: CellStyle = .plain, limit: Int = .max) -> Int {
        guard y >= 0, y < height else { return x }
        var column = x
        let end = limit >= width ? width : min(width, x + max(0, limit))
        for character in text {
            guard column < end else { break }
            if column >= 0 { self[column, y] = Cell(character: Self.printable(character), style: style) }
            column += 1
        }
        return column
    }

    /// Sets the style of `count` cells from column `x` of row `y`, keeping their characters.
    mutating func paint(x: Int, y: Int, count: Int, style: CellStyle) {
        guard y >= 0, y < height else { return }
        for column in max(0, x)..<max(max(0, x), min(width, x + count)) {
            self[column, y].style = style
        }
    }

    /// The grid as text, one line per row, trailing blanks removed (the golden-file form).
    var text: String {
        (0..<height).map { y in
            var line = String(cells[(y * width)..<(y * width + width)].map(\.character))
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n") + "\n"
    }

    /// A character that takes exactly one column: control characters, combining sequences and
    /// wide (East Asian, emoji) characters from the server become `?`, so a name cannot shift
    /// the screen.
    static func printable(_ character: Character) -> Character {
        let scalars = character.unicodeScalars
        guard scalars.count == 1, let scalar = scalars.first else { return "?" }
        let value = scalar.value
        if value < 0x20 || (0x7F..<0xA0).contains(value) { return "?" }
        if value >= 0x1100, isWide(value) { return "?" }
        return character
    }

    private static func isWide(_ value: UInt32) -> Bool {
        let ranges: [ClosedRange<UInt32>] = [
            0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1FAFF, 0x20000...0x3FFFD,
        ]
        return ranges.contains { $0.contains(value) }
    }
}
