/// Talking: say, emote/pose, and the public channel.
extension Game {
    /// `say <message>`.
    func say(_ context: CommandContext) {
        let message = context.command.args
        guard !message.isEmpty else { return send(context.session, "Say what?") }
        send(context.session, "You say, \"\(message)\"")
        announce(in: context.character.record.locationID, "\(context.character.name) says, \"\(message)\"",
                 except: context.character.id)
    }

    /// `emote <action>` / `pose <action>` / `:action`.
    func emote(_ context: CommandContext) {
        let action = context.command.args
        guard !action.isEmpty else { return send(context.session, "What do you want to do?") }
        let separator = action.first.map { [",", "'", ":"].contains($0) } == true ? "" : " "
        announce(in: context.character.record.locationID, "\(context.character.name)\(separator)\(action)")
    }

    /// `pub <message>`: the public channel, heard by every player.
    func pub(_ context: CommandContext) {
        let message = context.command.args
        guard !message.isEmpty else { return send(context.session, "Usage: pub <message>") }
        let line = "[Public] \(context.character.name): \(message)"
        for session in playingSessions { send(session, line) }
    }
}
