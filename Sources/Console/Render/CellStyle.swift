/// What a cell is, for colouring: the terminal adapter maps each role to a colour pair, or in
/// monochrome to bold, reverse or nothing.
enum CellStyle: UInt8, CaseIterable, Sendable {
    /// Ordinary text.
    case plain
    /// The header bar.
    case header
    /// Labels and headings.
    case label
    /// Less important text (axis scales, hints).
    case dim
    /// Good news.
    case good
    /// Needs attention.
    case warning
    /// Errors and trouble.
    case error
    /// The selected tab or key name.
    case selected
    /// User CPU bars and graphs.
    case barUser
    /// System CPU bars and graphs.
    case barSystem
    /// Memory bars and graphs.
    case barMemory
    /// Command-rate bars and graphs.
    case barCommands
    /// Command-latency bars and graphs.
    case barLag
    /// Executor-lag bars and graphs.
    case barExecutor
}

/// One character cell of the screen.
struct Cell: Equatable, Sendable {
    /// The character (one column wide).
    var character: Character
    /// Its role.
    var style: CellStyle

    /// An empty cell.
    static let blank = Cell(character: " ", style: .plain)
}
