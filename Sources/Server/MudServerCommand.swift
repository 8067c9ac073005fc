import ArgumentParser
import ProfileKit

/// `mudserver`: the MudScope telnet MUD server.
@main
struct MudServerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mudserver",
        abstract: "A telnet MUD server that profiles itself (MudScope).",
        version: MudScopeVersion.current,
        subcommands: [InitCommand.self, StartCommand.self, StopCommand.self, StatusCommand.self,
                      DummyRunnerCommand.self])
}
