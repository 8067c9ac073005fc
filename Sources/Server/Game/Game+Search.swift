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
        var text = ""
        appendLabel(object, permission, to: &text)
        return text
    }

    /// Appends `label(object, permission)` to `text`.
    private func appendLabel(_ object: GameObject, _ permission: Permission, to text: inout String) {
        text += object.name
        if permission >= .builder {
            text += "(#"
            text += String(object.id)
            text += ")"
        }
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
        var text = label(object, permission)
        if !object.record.description.isEmpty { text += "\n" + object.record.description }
        guard object.kind == .room || object.kind == .character else { return text }
        // One pass over the contents, each list built in place (a crowded room is what `look` sees most).
        var exits = "", characters = "", things = ""
        world.forEachContent(of: object) { item in
            guard item.id != viewer.id else { return }
            switch item.kind {
            case .exit: appendListed(item, permission, to: &exits)
            case .character where sessionsByCharacter[item.id] != nil: appendListed(item, permission, to: &characters)
            case .thing: appendListed(item, permission, to: &things)
            default: break
            }
        }
        if object.kind == .room {
            if !exits.isEmpty { text += "\nExits: " + exits }
            if !characters.isEmpty { text += "\nCharacters: " + characters }
            if !things.isEmpty { text += "\nYou see: " + things }
        } else if !things.isEmpty {
            text += "\nCarrying: " + things
        }
        return text
    }

    /// Appends `object`'s label to a comma-separated list.
    private func appendListed(_ object: GameObject, _ permission: Permission, to list: inout String) {
        if !list.isEmpty { list += ", " }
        appendLabel(object, permission, to: &list)
    }
}
