/// Carrying things: get, drop, give.
extension Game {
    /// `get <object>`.
    func get(_ context: CommandContext) {
        guard let item = find(context.command.args, for: context, in: .room) else { return }
        guard item.kind == .thing else { return send(context.session, "You can't get that.") }
        world.move(item, to: context.character.id)
        send(context.session, "You pick up \(item.name).")
        announce(in: context.character.record.locationID, "\(context.character.name) picks up \(item.name).",
                 except: context.character.id)
    }

    /// `drop <object>`.
    func drop(_ context: CommandContext) {
        guard let item = find(context.command.args, for: context, in: .inventory) else { return }
        guard let room = context.character.record.locationID else { return send(context.session, "Drop it where?") }
        world.move(item, to: room)
        send(context.session, "You drop \(item.name).")
        announce(in: room, "\(context.character.name) drops \(item.name).", except: context.character.id)
    }

    /// `give <object> = <target>` or `give <object> to <target>`.
    func give(_ context: CommandContext) {
        var itemText = context.command.lhs
        var targetText = context.command.rhs
        if targetText == nil, let range = context.command.args.range(of: " to ") {
            itemText = context.command.args[..<range.lowerBound].trimmed()
            targetText = context.command.args[range.upperBound...].trimmed()
        }
        guard let targetText, !targetText.isEmpty else {
            return send(context.session, "Usage: give <inventory object> = <target>")
        }
        guard let item = find(itemText, for: context, in: .inventory),
              let target = find(targetText, for: context, in: .room) else { return }
        guard target.kind == .character else { return send(context.session, "You can only give to characters.") }
        guard target.id != context.character.id else { return send(context.session, "You keep \(item.name).") }
        world.move(item, to: target.id)
        send(context.session, "You give \(item.name) to \(target.name).")
        if let session = sessionsByCharacter[target.id] {
            send(session, "\(context.character.name) gives you \(item.name).")
        }
    }
}
