/// Finding objects by what a player types, and describing them (Evennia's search and return_appearance).
extension Game {
    /// Where a search looks.
    enum SearchScope {
        /// The room, its contents and the searcher's inventory.
        case nearby
        /// Only the searcher's inventory.
        case inventory
        /// Only the room's contents.
        case room
        /// Anywhere (names and #ids), for builders.
        case global
    }

    /// Finds one object for `text`, or tells the session why not and returns nil.
    func find(_ text: String, for context: CommandContext, in scope: SearchScope) -> GameObject? {
        let wanted = text.trimmed()
        guard !wanted.isEmpty else {
            send(context.session, "You must say what to look for.")
            return nil
        }
        let character = context.character
        if ["me", "self"].contains(wanted.lowercased()) && scope != .room { return character }
        if ["here"].contains(wanted.lowercased()) && scope != .inventory {
            return world.object(character.record.locationID)
        }
        if wanted.hasPrefix("#"), let id = Int64(wanted.dropFirst()) {
            if let object = world.object(id, now: clock()), scope == .global || isNear(object, character, scope) {
                return object
            }
            send(context.session, "Could not find '\(wanted)'.")
            return nil
        }
        let candidates = candidates(for: character, scope: scope)
        var matches = candidates.filter { $0.answers(to: wanted) }
        if matches.isEmpty { matches = candidates.filter { $0.answers(toPrefix: wanted) } }
        if matches.isEmpty, scope == .global { matches = world.objects(named: wanted) }
        if matches.count == 1 { return matches[0] }
        if matches.isEmpty {
            send(context.session, "Could not find '\(wanted)'.")
        } else {
            let list = matches.prefix(10).map { "\($0.name)(#\($0.id))" }.joined(separator: ", ")
            send(context.session, "More than one match for '\(wanted)': \(list). Use #id to choose.")
        }
        return nil
    }

    private func candidates(for character: GameObject, scope: SearchScope) -> [GameObject] {
        let inventory = world.contents(of: character)
        let room = world.object(character.record.locationID).map { world.contents(of: $0) } ?? []
        switch scope {
        case .inventory: return inventory
        case .room: return room
        case .nearby, .global: return room + inventory
        }
    }

    private func isNear(_ object: GameObject, _ character: GameObject, _ scope: SearchScope) -> Bool {
        let location = object.record.locationID
        switch scope {
        case .inventory: return location == character.id
        case .room: return location == character.record.locationID
        case .nearby, .global:
            return location == character.id || location == character.record.locationID
                || object.id == character.record.locationID
        }
    }

    /// `name(#id)` for builders, `name` for players.
    func label(_ object: GameObject, _ permission: Permission) -> String {
        permission >= .builder ? "\(object.name)(#\(object.id))" : object.name
    }

    /// The room the character stands in, as `look` shows it.
    func describeRoom(of character: GameObject, permission: Permission) -> String {
        guard let room = world.object(character.record.locationID, now: clock()) else {
            return "You are nowhere. Type 'home' to go home."
        }
        return describe(room, viewer: character, permission: permission)
    }

    /// An object as `look` shows it: name, description, exits, who and what is there.
    func describe(_ object: GameObject, viewer: GameObject, permission: Permission) -> String {
        var lines = [label(object, permission)]
        if !object.record.description.isEmpty { lines.append(object.record.description) }
        guard object.kind == .room || object.kind == .character else { return lines.joined(separator: "\n") }
        let contents = world.contents(of: object).filter { $0.id != viewer.id }
        let exits = contents.filter { $0.kind == .exit }.map { label($0, permission) }
        let characters = contents.filter { $0.kind == .character && sessionsByCharacter[$0.id] != nil }
            .map { label($0, permission) }
        let things = contents.filter { $0.kind == .thing }.map { label($0, permission) }
        if object.kind == .room {
            if !exits.isEmpty { lines.append("Exits: " + exits.joined(separator: ", ")) }
            if !characters.isEmpty { lines.append("Characters: " + characters.joined(separator: ", ")) }
            if !things.isEmpty { lines.append("You see: " + things.joined(separator: ", ")) }
        } else if !things.isEmpty {
            lines.append("Carrying: " + things.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }
}
