import ArgumentParser
import ProfileKit

/// `profstats`: pstats-exact analysis of profiles.
@main
struct ProfStats: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profstats",
        abstract: "Sort, restrict and print call-graph profiles exactly as Python's pstats does.",
        version: MudScopeVersion.current)
}
