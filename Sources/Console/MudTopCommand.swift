import ArgumentParser
import ProfileKit

/// `mudtop`: the live console for a running mudserver.
@main
struct MudTopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mudtop",
        abstract: "A live console for a running mudserver (MudScope).",
        version: MudScopeVersion.current)
}
