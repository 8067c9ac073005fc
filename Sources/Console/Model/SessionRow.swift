import ProfileKit

/// A connected session as the newest snapshot lists it (the sessions panel's row). Unlike the
/// other panels it is the state now, not a sum over the graph window.
struct SessionRow: Equatable, Sendable {
    /// The character's (or account's) name; nil before login.
    var name: String?
    /// The client's address.
    var address: String
    /// Seconds since its last input line.
    var idleSeconds: Double
    /// Commands it ran.
    var commands: Int
    /// The room it stands in; nil before login.
    var room: String?
    /// The connection number (orders ties, so the screen is stable).
    var id: Int

    /// The row for one listed session.
    init(_ entry: SessionEntry) {
        name = entry.name
        address = entry.address
        idleSeconds = entry.idleSeconds
        commands = entry.commands
        room = entry.room
        id = entry.id
    }

    /// What the name column shows: the name, or that the session is still on the login screen.
    var shownName: String { name ?? "(logging in)" }

    /// What `/` matches: name, address and room.
    var searchText: String { [shownName, address, room ?? ""].joined(separator: "\u{0}") }

    /// The panel's columns, in order: the figures right after the name, so a narrow screen (which
    /// drops columns from the right) keeps them; the room takes what width is left.
    static let columns: [PanelColumn<SessionRow>] = [
        PanelColumn(title: "name", width: 16, alignRight: false, text: { $0.shownName },
                    ascending: { $0.shownName.lowercased() < $1.shownName.lowercased() }),
        PanelColumn(title: "idle", width: 8, alignRight: true, text: { MetricsFormat.uptime($0.idleSeconds) },
                    ascending: { $0.idleSeconds < $1.idleSeconds }),
        PanelColumn(title: "cmds", width: 7, alignRight: true, text: { MetricsFormat.count($0.commands) },
                    ascending: { $0.commands < $1.commands }),
        PanelColumn(title: "address", width: 15, alignRight: false, text: { $0.address },
                    ascending: { $0.address < $1.address }),
        PanelColumn(title: "room", width: 22, alignRight: false, text: { $0.room ?? "" },
                    ascending: { ($0.room ?? "").lowercased() < ($1.room ?? "").lowercased() }),
    ]

    /// The column that takes the width the others leave.
    static let flexibleColumn = 4

    /// The newest list's rows, in connection order.
    static func rows(_ list: SessionList) -> [SessionRow] {
        list.sessions.map(SessionRow.init).sorted { $0.id < $1.id }
    }
}
