/// What the dashboard loop needs from a terminal; `CursesScreen` is the real one.
protocol TerminalScreen: AnyObject {
    /// Columns and rows now.
    var size: (width: Int, height: Int) { get }
    /// The descriptor keys arrive on.
    var inputDescriptor: Int32 { get }
    /// Keys typed so far (empty when none); `resized` is set when the terminal changed size.
    func readKeys() -> (keys: [Key], resized: Bool)
    /// Shows `grid`, changing only the cells that differ from the last one shown.
    func show(_ grid: CellGrid)
    /// Gives the terminal back.
    func end()
}
