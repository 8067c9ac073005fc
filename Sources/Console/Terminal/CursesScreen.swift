#if canImport(Glibc)
import Glibc
#endif
import CNCursesW

/// The one file that speaks curses (ncursesw): locale, colours, keys and copying a `CellGrid` to
/// the screen. Everything it draws was decided by `DashboardRenderer`.
final class CursesScreen: TerminalScreen {
    /// Whether the locale is UTF-8 (braille and box drawing) or not (ASCII).
    let charset: Charset
    private var shown: CellGrid?
    private var attributes: [CellStyle: (attr: attr_t, pair: Int16)] = [:]

    /// Takes over the terminal. `monochrome` forces attributes instead of colours.
    init(monochrome: Bool) {
        // Wide characters need the locale before initscr, or braille comes out blank.
        setlocale(LC_ALL, "")
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        charset = codeset.uppercased().replacingDashes() == "UTF8" ? .unicode : .ascii
        initscr()
        cbreak()
        noecho()
        keypad(nc_stdscr(), true)
        nodelay(nc_stdscr(), true)
        curs_set(0)
        set_escdelay(25)
        let colours = !monochrome && has_colors() && start_color() == OK
        if colours { use_default_colors() }
        for style in CellStyle.allCases {
            attributes[style] = colours ? Self.colour(style) : Self.mono(style)
        }
    }

    /// The terminal's size.
    var size: (width: Int, height: Int) { (Int(nc_cols()), Int(nc_lines())) }

    /// Standard input.
    var inputDescriptor: Int32 { 0 }

    /// Reads every key waiting, without blocking.
    func readKeys() -> (keys: [Key], resized: Bool) {
        var keys: [Key] = []
        var resized = false
        var character: wint_t = 0
        while true {
            let status = wget_wch(nc_stdscr(), &character)
            if status == ERR { break }
            if status == KEY_CODE_YES {
                switch Int32(character) {
                case KEY_RESIZE: resized = true
                case KEY_LEFT: keys.append(.left)
                case KEY_RIGHT: keys.append(.right)
                case KEY_UP: keys.append(.up)
                case KEY_DOWN: keys.append(.down)
                case KEY_BTAB: keys.append(.backTab)
                case KEY_ENTER: keys.append(.enter)
                case KEY_BACKSPACE: keys.append(.backspace)
                default: break
                }
                continue
            }
            switch character {
            case 9: keys.append(.tab)
            case 10, 13: keys.append(.enter)
            case 27: keys.append(.escape)
            case 8, 127: keys.append(.backspace)
            default:
                if character >= 32, let scalar = Unicode.Scalar(UInt32(character)) { keys.append(.character(Character(scalar))) }
            }
        }
        if resized { shown = nil }
        return (keys, resized)
    }

    /// Copies the cells that changed since the last grid, then refreshes once.
    func show(_ grid: CellGrid) {
        let full = shown == nil || shown?.width != grid.width || shown?.height != grid.height
        if full { erase() }
        for y in 0..<grid.height {
            for x in 0..<grid.width {
                let cell = grid[x, y]
                if !full, let shown, shown[x, y] == cell { continue }
                // The bottom-right cell would scroll the screen on some terminals; curses
                // reports ERR there but still draws it.
                let style = attributes[cell.style] ?? (NC_A_NORMAL, 0)
                let scalar = cell.character.unicodeScalars.first?.value ?? 32
                _ = nc_mvadd_wch(Int32(y), Int32(x), wchar_t(scalar), style.attr, style.pair)
            }
        }
        refresh()
        shown = grid
    }

    /// Restores the terminal.
    func end() { endwin() }

    private static func colour(_ style: CellStyle) -> (attr: attr_t, pair: Int16) {
        let (foreground, background, bold): (Int32, Int32, Bool) = switch style {
        case .plain: (-1, -1, false)
        case .header: (Int32(COLOR_BLACK), Int32(COLOR_CYAN), false)
        case .label: (Int32(COLOR_CYAN), -1, true)
        case .dim: (-1, -1, false)
        case .good: (Int32(COLOR_GREEN), -1, true)
        case .warning: (Int32(COLOR_YELLOW), -1, true)
        case .error: (Int32(COLOR_RED), -1, true)
        case .selected: (Int32(COLOR_BLACK), Int32(COLOR_GREEN), false)
        case .barUser: (Int32(COLOR_GREEN), -1, false)
        case .barSystem: (Int32(COLOR_RED), -1, false)
        case .barMemory: (Int32(COLOR_BLUE), -1, true)
        case .barCommands: (Int32(COLOR_CYAN), -1, false)
        case .barLag: (Int32(COLOR_YELLOW), -1, false)
        case .barExecutor: (Int32(COLOR_MAGENTA), -1, false)
        }
        let pair = Int16(style.rawValue) + 1
        init_pair(pair, Int16(foreground), Int16(background))
        return (bold ? NC_A_BOLD : NC_A_NORMAL, pair)
    }

    private static func mono(_ style: CellStyle) -> (attr: attr_t, pair: Int16) {
        switch style {
        case .header, .selected: (NC_A_REVERSE, 0)
        case .label, .warning, .error, .good: (NC_A_BOLD, 0)
        case .dim: (NC_A_DIM, 0)
        default: (NC_A_NORMAL, 0)
        }
    }
}

extension String {
    /// The text without `-` (so `UTF-8` and `utf8` compare equal).
    func replacingDashes() -> String { String(filter { $0 != "-" }) }
}
