import ProfileKit

/// Turning a parsed line into a command run: exits first (as in Evennia), then the command table.
extension Game {
    /// Runs one command typed by a playing session.
    func runGameCommand(_ session: Session, _ command: ParsedCommand) {
        guard let account = session.account, let character = world.object(session.characterID, now: clock()) else {
            return send(session, "You have no character; reconnect.")
        }
        let context = CommandContext(session: session, account: account, character: character, command: command)
        if command.switches.isEmpty, let exit = recorder.withScope(ServerProbes.exitMatch, {
            exitNamed(by: command, from: character)
        }) {
            commandName = "(exit)"
            return traverse(context, exit)
        }
        guard let spec = recorder.withScope(ServerProbes.lookup, { commands.lookup(command.key) }) else {
            return send(session, "Command '\(command.key)' is not available. Type \"help\" for help.")
        }
        commandName = spec.key
        guard recorder.withScope(ServerProbes.permissionCheck, { account.permission >= spec.permission }) else {
            return send(session, "You are not allowed to use '\(spec.key)' (it needs \(spec.permission.rawValue)).")
        }
        let token = recorder.enter(spec.site)
        defer { recorder.exit(token) }
        spec.run(self)(context)
    }

    /// The exit of the character's room that the whole line names (the name is lowercased once,
    /// and only if the room has an exit).
    private func exitNamed(by command: ParsedCommand, from character: GameObject) -> GameObject? {
        guard let room = world.object(character.record.locationID) else { return nil }
        var wanted: String?
        return world.firstContent(of: room) { item in
            guard item.kind == .exit else { return false }
            let name = wanted ?? (command.key + (command.args.isEmpty ? "" : " " + command.args)).lowercased()
            wanted = name
            return item.answers(toLowercased: name)
        }
    }

    /// Moves the character through an exit, telling both rooms.
    func traverse(_ context: CommandContext, _ exit: GameObject) {
        guard let destination = world.object(exit.record.destinationID, now: clock()) else {
            return send(context.session, "That exit leads nowhere.")
        }
        move(context.character, to: destination, leaving: "leaves \(exit.name).", arriving: "arrives.")
    }

    /// Moves a character or thing, telling the rooms it leaves and enters; a player then sees the new room.
    func move(_ object: GameObject, to destination: GameObject, leaving: String, arriving: String) {
        announce(in: object.record.locationID, "\(object.name) \(leaving)", except: object.id)
        world.move(object, to: destination.id)
        announce(in: destination.id, "\(object.name) \(arriving)", except: object.id)
        if let session = sessionsByCharacter[object.id], let account = session.account {
            send(session, describeRoom(of: object, permission: account.permission))
        }
    }
}

extension CommandTable {
    /// Every in-game command (a table, not a switch: see STYLE.md rule 5).
    static var gameCommands: [CommandSpec] {
        [
            CommandSpec(key: "look", aliases: ["l", "ls"], permission: .player, usage: "look [target]",
                        help: "Shows the room you are in, or something you can see.", run: Game.look),
            CommandSpec(key: "examine", aliases: ["ex", "exam"], permission: .builder, usage: "examine <target>",
                        help: "Shows every stored detail of an object, attributes included.", run: Game.examine),
            CommandSpec(key: "help", aliases: ["h", "?"], permission: .player, usage: "help [topic]",
                        help: "Lists the commands you can use, or explains one.", run: Game.help),
            CommandSpec(key: "say", aliases: ["\"", "'"], permission: .player, usage: "say <message>",
                        help: "Speaks to everyone in the room.", run: Game.say),
            CommandSpec(key: "emote", aliases: [":"], permission: .player, usage: "emote <action>",
                        help: "Shows an action by you to the room (`emote smiles.`).", run: Game.emote),
            CommandSpec(key: "pose", aliases: [], permission: .player, usage: "pose <action>",
                        help: "The same as emote.", run: Game.emote),
            CommandSpec(key: "pub", aliases: ["public"], permission: .player, usage: "pub <message>",
                        help: "Talks on the public channel that every player hears.", run: Game.pub),
            CommandSpec(key: "who", aliases: ["doing"], permission: .player, usage: "who",
                        help: "Lists who is online.", run: Game.who),
            CommandSpec(key: "inventory", aliases: ["inv", "i"], permission: .player, usage: "inventory",
                        help: "Lists what you carry.", run: Game.inventory),
            CommandSpec(key: "get", aliases: ["grab", "take"], permission: .player, usage: "get <object>",
                        help: "Picks up something in the room.", run: Game.get),
            CommandSpec(key: "drop", aliases: [], permission: .player, usage: "drop <object>",
                        help: "Drops something you carry.", run: Game.drop),
            CommandSpec(key: "give", aliases: [], permission: .player, usage: "give <object> = <target>",
                        help: "Gives something you carry to someone here (`give <obj> to <target>` also works).",
                        run: Game.give),
            CommandSpec(key: "home", aliases: [], permission: .player, usage: "home",
                        help: "Takes you back to your home room.", run: Game.home),
            CommandSpec(key: "quit", aliases: [], permission: .player, usage: "quit",
                        help: "Leaves the game and disconnects.", run: Game.quit),
            CommandSpec(key: "idle", aliases: [], permission: .player, usage: "idle",
                        help: "Does nothing (keeps a connection alive).", run: Game.idle),
            CommandSpec(key: "dummyrunner_echo_response", aliases: [], permission: .player,
                        usage: "dummyrunner_echo_response <timestamp>",
                        help: "Answers `dummyrunner_echo_response:<timestamp>,<server time>` for lag measurement.",
                        run: Game.echoResponse),
            CommandSpec(key: "dig", aliases: [], permission: .builder,
                        usage: "dig[/tel] <room> [= <exit>[;alias], <back exit>[;alias]]",
                        help: "Makes a new room, optionally with exits to and from it; /tel takes you there.",
                        run: Game.dig),
            CommandSpec(key: "teleport", aliases: ["tel"], permission: .builder,
                        usage: "teleport [<object> =] <destination>",
                        help: "Moves you (or an object) to a room given by name or #id.", run: Game.teleport),
            CommandSpec(key: "create", aliases: [], permission: .builder, usage: "create <name>[;alias...]",
                        help: "Makes a new object in your inventory.", run: Game.createObject),
            CommandSpec(key: "desc", aliases: ["describe"], permission: .builder, usage: "desc [<object> =] <text>",
                        help: "Sets the description of an object (or of this room).", run: Game.describe),
            CommandSpec(key: "set", aliases: [], permission: .builder, usage: "set <object>/<attribute> [= <value>]",
                        help: "Sets, shows (no =) or clears (empty value) an attribute.", run: Game.setAttribute),
            CommandSpec(key: "open", aliases: [], permission: .builder,
                        usage: "open <exit>[;alias] [, <back exit>] = <room>",
                        help: "Makes an exit from here to a room given by name or #id.", run: Game.openExit),
            CommandSpec(key: "destroy", aliases: ["delete", "del"], permission: .builder, usage: "destroy <object>",
                        help: "Removes an object for good (what it holds goes to its location).", run: Game.destroy),
            CommandSpec(key: "name", aliases: ["rename"], permission: .builder, usage: "name <object> = <new name>",
                        help: "Renames an object (`;` separates aliases).", run: Game.rename),
            CommandSpec(key: "perm", aliases: ["perms"], permission: .admin,
                        usage: "perm <account> [= player|builder|admin]",
                        help: "Shows or sets what an account may do.", run: Game.permission),
            CommandSpec(key: "server", aliases: [], permission: .admin,
                        usage: "server | server/mem | server/flushmem | server/profile [start|stop|reset|dump[/reset] [path]]",
                        help: "Shows the server's CPU, memory, commands/s, lag, database and cache figures; /mem "
                            + "breaks memory down; /flushmem evicts idle cached objects; /profile runs the call-graph "
                            + "profiler: start, stop, reset, or dump server.prof and server.folded (to logs/ or path) "
                            + "while the game runs; no argument shows its state.",
                        run: Game.serverCommand),
        ]
    }
}
