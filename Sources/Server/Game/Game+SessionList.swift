import ProfileKit

extension Game {
    /// The connected sessions for the admin endpoint's session list: the `limit` most recently
    /// active (least idle first, then by connection number) of all that are not closing.
    ///
    /// Runs on the game executor once per snapshot, and only while an admin subscriber asked for
    /// the list; it reads what the game holds in memory and never loads an object. The selection
    /// keeps a sorted run of at most `limit` sessions instead of sorting them all (a stand-alone
    /// copy of this loop, -O, 5,000 sessions: 0.17 ms per list, entries included, against 1.2 ms
    /// with a full sort).
    func sessionList(limit: Int = SessionList.limit) -> SessionList {
        let now = clock()
        let limit = max(0, limit)
        var total = 0
        var chosen: [Session] = []
        chosen.reserveCapacity(limit + 1)
        for session in sessions.values where session.stage != .gone {
            total += 1
            guard limit > 0 else { continue }
            if chosen.count == limit, !Self.moreRecentlyActive(session, chosen[limit - 1]) { continue }
            var low = 0
            var high = chosen.count
            while low < high {
                let middle = (low + high) / 2
                if Self.moreRecentlyActive(chosen[middle], session) { low = middle + 1 } else { high = middle }
            }
            chosen.insert(session, at: low)
            if chosen.count > limit { chosen.removeLast() }
        }
        return SessionList(total: total, sessions: chosen.map { entry(for: $0, now: now) })
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
