import Foundation

/// Commands that show things or move the player without building: look, examine, help, who, ...
extension Game {
    /// `look [target]`.
    func look(_ context: CommandContext) {
        let permission = context.account.permission
        guard !context.command.args.isEmpty else {
            return send(context.session, describeRoom(of: context.character, permission: permission))
        }
        guard let target = find(context.command.args, for: context, in: .nearby) else { return }
        send(context.session, describe(target, viewer: context.character, permission: permission))
    }

    /// `examine <target>`: every stored field and attribute.
    func examine(_ context: CommandContext) {
        let text = context.command.args.isEmpty ? "here" : context.command.args
        guard let target = find(text, for: context, in: .global) else { return }
        let record = target.record
        func ref(_ id: Int64?) -> String {
            guard let id else { return "None" }
            return world.object(id).map { "\($0.name)(#\($0.id))" } ?? "#\(id) (missing)"
        }
        var lines = [
            "Name/key: \(target.name) (#\(target.id))",
            "Kind: \(record.kind.rawValue)",
            "Aliases: \(record.aliases.isEmpty ? "None" : record.aliases.joined(separator: ", "))",
            "Location: \(ref(record.locationID))",
            "Home: \(ref(record.homeID))",
        ]
        if record.kind == .exit { lines.append("Destination: \(ref(record.destinationID))") }
        if let owner = record.ownerAccountID { lines.append("Owner account: #\(owner)") }
        lines.append("Description: \(record.description.isEmpty ? "None" : record.description)")
        if target.attributes.isEmpty {
            lines.append("Attributes: None")
        } else {
            lines.append("Attributes:")
            for key in target.attributes.keys.sorted() { lines.append("  \(key) = \(target.attributes[key] ?? "")") }
        }
        if target.kind != .exit {
            let contents = world.contents(of: target).map { "\($0.name)(#\($0.id))" }
            lines.append("Contents: \(contents.isEmpty ? "None" : contents.joined(separator: ", "))")
        }
        send(context.session, lines.joined(separator: "\n"))
    }

    /// `help [topic]`.
    func help(_ context: CommandContext) {
        let allowed = commands.specs.filter { context.account.permission >= $0.permission }
        let topic = context.command.args.lowercased()
        if topic.isEmpty {
            var lines = ["Commands you can use (help <command> for more):"]
            for permission in Permission.allCases where permission <= context.account.permission {
                let names = allowed.filter { $0.permission == permission }.map(\.key)
                if !names.isEmpty { lines.append("  \(permission.rawValue): " + names.joined(separator: ", ")) }
            }
            lines.append("  Move by typing an exit's name.")
            return send(context.session, lines.joined(separator: "\n"))
        }
        guard let spec = commands.lookup(topic), allowed.contains(where: { $0.key == spec.key }) else {
            return send(context.session, "No help found for '\(topic)'.")
        }
        var text = "Help for \(spec.key)\nUsage: \(spec.usage)\n\(spec.help)"
        if !spec.aliases.isEmpty { text += "\nAliases: " + spec.aliases.joined(separator: ", ") }
        send(context.session, text)
    }

    /// `who`: who is online, for how long, idle how long.
    func who(_ context: CommandContext) {
        let now = clock()
        let playing = playingSessions
        func row(_ name: String, _ on: String, _ idle: String) -> String {
            name.padding(toLength: 24, withPad: " ", startingAt: 0) + " " + String(repeating: " ", count: max(0, 8 - on.count))
                + on + " " + String(repeating: " ", count: max(0, 6 - idle.count)) + idle
        }
        var lines = [row("Account", "On for", "Idle")]
        for session in playing {
            lines.append(row(session.account?.name ?? "?", Self.duration(now - session.connectedAt),
                             Self.duration(now - session.lastInput)))
        }
        lines.append("\(playing.count) player\(playing.count == 1 ? "" : "s") online.")
        send(context.session, lines.joined(separator: "\n"))
    }

    /// A short human duration: `45s`, `12m`, `3h05m`, `2d04h`.
    static func duration(_ seconds: Double) -> String {
        let total = max(0, Int(seconds))
        switch total {
        case ..<60: return "\(total)s"
        case ..<3600: return "\(total / 60)m"
        case ..<86400: return String(format: "%dh%02dm", total / 3600, total % 3600 / 60)
        default: return String(format: "%dd%02dh", total / 86400, total % 86400 / 3600)
        }
    }

    /// `inventory`.
    func inventory(_ context: CommandContext) {
        let items = world.contents(of: context.character)
        guard !items.isEmpty else { return send(context.session, "You are not carrying anything.") }
        let names = items.map { label($0, context.account.permission) }
        send(context.session, "You are carrying:\n  " + names.joined(separator: "\n  "))
    }

    /// `home`.
    func home(_ context: CommandContext) {
        let character = context.character
        let homeID = character.record.homeID ?? world.startRoomID
        guard character.record.locationID != homeID else { return send(context.session, "You are already home!") }
        guard let home = world.object(homeID, now: clock()) else { return send(context.session, "You have no home.") }
        send(context.session, "There's no place like home ...")
        move(character, to: home, leaving: "goes home.", arriving: "arrives home.")
    }

    /// `quit`.
    func quit(_ context: CommandContext) {
        send(context.session, "Quitting. Hope to see you again, soon.")
        disconnect(context.session)
    }

    /// `idle`: does nothing, says nothing.
    func idle(_ context: CommandContext) {}

    /// `dummyrunner_echo_response TS`: answers with the server's Unix time, for one-way lag.
    func echoResponse(_ context: CommandContext) {
        send(context.session, "dummyrunner_echo_response:\(context.command.args),\(Self.microseconds(clock()))")
    }

    /// `seconds` with six decimals, as `%.6f` prints a non-negative time (without going through a
    /// format string: the lag probe is a fifth of the looker load).
    static func microseconds(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0, seconds < 9e12 else { return String(format: "%.6f", seconds) }
        let total = Int64((seconds * 1e6).rounded())
        let fraction = String(total % 1_000_000)
        return "\(total / 1_000_000)." + String(repeating: "0", count: 6 - fraction.utf8.count) + fraction
    }
}
