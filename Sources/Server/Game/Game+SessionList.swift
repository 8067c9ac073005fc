import ProfileKit

extension Game {
    /// The connected sessions for the admin endpoint's session list: the `limit` most recently
    /// active (least idle first, then by connection number) of all that are not closing.
    ///
    /// Runs on the game executor once per snapshot, and only while an admin subscriber asked for
    /// the list; it reads what the game holds in memory and never loads an object.
    func sessionList(limit: Int = SessionList.limit) -> SessionList {
        let now = clock()
        let open = sessions.values.filter { $0.stage != .gone }
        let chosen = open.sorted(by: Self.moreRecentlyActive).prefix(limit)
        return SessionList(total: open.count, sessions: chosen.map { entry(for: $0, now: now) })
    }

    private static func moreRecentlyActive(_ a: Session, _ b: Session) -> Bool {
        a.lastInput != b.lastInput ? a.lastInput > b.lastInput : a.id < b.id
    }

    private func entry(for session: Session, now: Double) -> SessionEntry {
        var name: String?
        var room: String?
        if session.stage == .playing {
            let character = world.cachedObject(session.characterID)
            name = character?.name ?? session.account?.name
            room = world.cachedObject(character?.record.locationID)?.name
        }
        return SessionEntry(id: session.id, name: name, address: session.address,
                            idleSeconds: max(0, now - session.lastInput), commands: session.commandCount, room: room)
    }
}
