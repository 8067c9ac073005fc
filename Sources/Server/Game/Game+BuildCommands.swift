/// Builder commands: dig, teleport, create, desc, set, open, destroy, name.
extension Game {
    /// Splits `name;alias;alias` into a name and aliases (Evennia's key;alias syntax).
    static func nameAndAliases(_ text: String) -> (name: String, aliases: [String]) {
        let parts = text.split(separator: ";").map { $0.trimmed() }.filter { !$0.isEmpty }
        return (parts.first ?? "", Array(parts.dropFirst()))
    }

    private func validName(_ name: String, _ context: CommandContext) -> Bool {
        guard !name.isEmpty, name.count <= 80 else {
            send(context.session, "A name must be 1-80 characters.")
            return false
        }
        return true
    }

    /// `dig[/tel] <room> [= <exit>, <back exit>]`.
    func dig(_ context: CommandContext) {
        let (roomName, roomAliases) = Self.nameAndAliases(context.command.lhs)
        guard validName(roomName, context) else { return }
        let now = clock()
        let here = world.object(context.character.record.locationID)
        let room = world.create(kind: .room, name: roomName, aliases: roomAliases, location: nil,
                                owner: context.account.id, now: now)
        var lines = ["Created room \(room.name)(#\(room.id))."]
        let exits = context.command.rhsList
        if let here, let exitText = exits.first, !exitText.isEmpty {
            let (name, aliases) = Self.nameAndAliases(exitText)
            let exit = world.create(kind: .exit, name: name, aliases: aliases, location: here.id,
                                    destination: room.id, owner: context.account.id, now: now)
            lines.append("Created exit \(exit.name)(#\(exit.id)) from \(here.name) to \(room.name).")
        }
        if let here, exits.count > 1, !exits[1].isEmpty {
            let (name, aliases) = Self.nameAndAliases(exits[1])
            let exit = world.create(kind: .exit, name: name, aliases: aliases, location: room.id,
                                    destination: here.id, owner: context.account.id, now: now)
            lines.append("Created exit \(exit.name)(#\(exit.id)) from \(room.name) to \(here.name).")
        }
        send(context.session, lines.joined(separator: "\n"))
        if context.command.switches.contains("tel") || context.command.switches.contains("teleport") {
            move(context.character, to: room, leaving: "disappears.", arriving: "appears.")
        }
    }

    /// `teleport [<object> =] <destination>`.
    func teleport(_ context: CommandContext) {
        let command = context.command
        guard !command.args.isEmpty else { return send(context.session, "Usage: teleport [<object> =] <destination>") }
        let mover: GameObject
        let destinationText: String
        if let rhs = command.rhs {
            guard let found = find(command.lhs, for: context, in: .global) else { return }
            mover = found
            destinationText = rhs
        } else {
            mover = context.character
            destinationText = command.args
        }
        guard let destination = find(destinationText, for: context, in: .global) else { return }
        guard destination.kind == .room || destination.kind == .character || destination.kind == .thing,
              destination.id != mover.id else { return send(context.session, "You can't teleport there.") }
        guard mover.kind != .room else { return send(context.session, "Rooms cannot be moved.") }
        if mover.id == context.character.id {
            send(context.session, "Teleported to \(destination.name).")
        } else {
            send(context.session, "Teleported \(mover.name) to \(destination.name).")
        }
        move(mover, to: destination, leaving: "vanishes.", arriving: "appears.")
    }

    /// `create <name>[;alias...]`: a new thing in your inventory.
    func createObject(_ context: CommandContext) {
        let (name, aliases) = Self.nameAndAliases(context.command.lhs)
        guard validName(name, context) else { return }
        let object = world.create(kind: .thing, name: name, aliases: aliases, location: context.character.id,
                                  home: context.character.id, owner: context.account.id, now: clock())
        send(context.session, "You create a new thing: \(object.name)(#\(object.id)).")
    }

    /// `desc [<object> =] <text>`.
    func describe(_ context: CommandContext) {
        let command = context.command
        let target: GameObject?
        let text: String
        if let rhs = command.rhs {
            target = find(command.lhs, for: context, in: .nearby)
            text = rhs
        } else {
            target = world.object(context.character.record.locationID)
            text = command.args
        }
        guard let target else { return }
        target.record.description = String(text.prefix(config.maxLineBytes))
        world.save(target)
        send(context.session, "The description was set on \(target.name)(#\(target.id)).")
    }

    /// `set <object>/<attribute> [= <value>]`.
    func setAttribute(_ context: CommandContext) {
        let command = context.command
        guard let slash = command.lhs.lastIndex(of: "/") else {
            return send(context.session, "Usage: set <object>/<attribute> [= <value>]")
        }
        let objectText = command.lhs[..<slash].trimmed()
        let key = command.lhs[command.lhs.index(after: slash)...].trimmed()
        guard !key.isEmpty, key.count <= 80 else { return send(context.session, "Give an attribute name.") }
        guard let target = find(objectText, for: context, in: .global) else { return }
        guard let value = command.rhs else {
            let shown = target.attributes[key].map { "\(key) = \($0)" } ?? "No attribute \(key)."
            return send(context.session, "Attribute on \(target.name)(#\(target.id)): \(shown)")
        }
        if value.isEmpty {
            world.setAttribute(target, key: key, value: nil)
            send(context.session, "Deleted attribute \(target.name)(#\(target.id))/\(key).")
        } else {
            world.setAttribute(target, key: key, value: value)
            send(context.session, "Created attribute \(target.name)(#\(target.id))/\(key) = \(value)")
        }
    }

    /// `open <exit>[;alias] [, <back exit>] = <room>`.
    func openExit(_ context: CommandContext) {
        let command = context.command
        guard let rhs = command.rhs, !rhs.isEmpty, !command.lhs.isEmpty else {
            return send(context.session, "Usage: open <exit>[;alias] [, <back exit>] = <room>")
        }
        guard let here = world.object(context.character.record.locationID) else { return }
        guard let destination = find(rhs, for: context, in: .global) else { return }
        guard destination.kind == .room else { return send(context.session, "Exits must lead to rooms.") }
        let names = command.lhs.split(separator: ",").map { $0.trimmed() }
        let (name, aliases) = Self.nameAndAliases(names[0])
        guard validName(name, context) else { return }
        let exit = world.create(kind: .exit, name: name, aliases: aliases, location: here.id,
                                destination: destination.id, owner: context.account.id, now: clock())
        var lines = ["Created exit \(exit.name)(#\(exit.id)) from \(here.name) to \(destination.name)."]
        if names.count > 1 {
            let (backName, backAliases) = Self.nameAndAliases(names[1])
            if !backName.isEmpty {
                let back = world.create(kind: .exit, name: backName, aliases: backAliases, location: destination.id,
                                        destination: here.id, owner: context.account.id, now: clock())
                lines.append("Created exit \(back.name)(#\(back.id)) from \(destination.name) to \(here.name).")
            }
        }
        send(context.session, lines.joined(separator: "\n"))
    }

    /// `destroy <object>`: contents go to its location (or the start room); exits into a room go too.
    func destroy(_ context: CommandContext) {
        guard let target = find(context.command.args, for: context, in: .global) else { return }
        guard target.kind != .character else { return send(context.session, "Characters cannot be destroyed here.") }
        guard target.id != world.startRoomID else { return send(context.session, "The start room cannot be destroyed.") }
        let fallback = target.record.locationID ?? world.startRoomID
        for inside in world.contents(of: target) {
            if inside.kind == .exit {
                world.destroy(inside)
            } else {
                let destination = world.object(fallback) ?? world.object(world.startRoomID)
                if let destination {
                    move(inside, to: destination, leaving: "is thrown out.", arriving: "arrives.")
                }
            }
        }
        if target.kind == .room {
            for exit in world.exits(to: target.id) { world.destroy(exit) }
        }
        world.destroy(target)
        send(context.session, "\(target.name)(#\(target.id)) was destroyed.")
    }

    /// `name <object> = <new name>[;alias...]`.
    func rename(_ context: CommandContext) {
        guard let rhs = context.command.rhs else { return send(context.session, "Usage: name <object> = <new name>") }
        let (name, aliases) = Self.nameAndAliases(rhs)
        guard validName(name, context), let target = find(context.command.lhs, for: context, in: .global) else { return }
        guard target.kind != .character else { return send(context.session, "Characters keep their account's name.") }
        let old = target.name
        target.record.name = name
        if !aliases.isEmpty { target.record.aliases = aliases }
        world.save(target)
        send(context.session, "Object's name changed to '\(name)' (was '\(old)').")
    }
}
