import ProfileKit

/// What a running command sees: who typed it, as which character, and what they typed.
struct CommandContext {
    /// The typing session.
    let session: Session
    /// Its account.
    let account: AccountRecord
    /// The character it plays.
    let character: GameObject
    /// The parsed line.
    let command: ParsedCommand
}

/// One command: its names, who may use it, its help, and what it does.
struct CommandSpec {
    /// The main name.
    let key: String
    /// Other names (`"` for say, `i` for inventory).
    let aliases: [String]
    /// The least permission that may run it.
    let permission: Permission
    /// Usage line(s) for `help`.
    let usage: String
    /// One-paragraph help text.
    let help: String
    /// The handler, as an unapplied `Game` method.
    let run: (Game) -> (CommandContext) -> Void
    /// The profiler's site for the command's body (`cmd look`), at the line that declares the command.
    let site: ProfileSite

    /// A command; its profiler site is named `cmd KEY` and placed at the caller's file and line.
    init(key: String, aliases: [String], permission: Permission, usage: String, help: String,
         run: @escaping (Game) -> (CommandContext) -> Void, file: String = #fileID, line: Int = #line) {
        self.key = key
        self.aliases = aliases
        self.permission = permission
        self.usage = usage
        self.help = help
        self.run = run
        site = ProfileSite("cmd \(key)", file: file, line: line)
    }
}

/// The game's commands, looked up by name or alias.
struct CommandTable {
    /// Commands in help order.
    let specs: [CommandSpec]
    private let byName: [String: Int]

    /// A table over `specs` (later names do not override earlier ones).
    init(_ specs: [CommandSpec]) {
        self.specs = specs
        var byName: [String: Int] = [:]
        for (index, spec) in specs.enumerated() {
            for name in [spec.key] + spec.aliases where byName[name] == nil { byName[name] = index }
        }
        self.byName = byName
    }

    /// The command with this name or alias.
    func lookup(_ name: String) -> CommandSpec? {
        byName[name].map { specs[$0] }
    }
}
