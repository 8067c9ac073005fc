/// A key press, as the terminal adapter decodes it (or as a test types it).
enum Key: Equatable, Sendable {
    /// A printable character.
    case character(Character)
    /// Tab.
    case tab
    /// Shift-Tab.
    case backTab
    /// Arrow keys.
    case left, right, up, down
    /// Return or Enter.
    case enter
    /// Escape.
    case escape
    /// Backspace or Delete-left.
    case backspace
}
