import ArgumentParser
import ProfileKit

/// `profstats`: pstats-exact analysis of call-graph profiles.
@main
struct ProfStats: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profstats",
        abstract: "Sort, restrict and print call-graph profiles exactly as Python's pstats does.",
        discussion: """
            Reads .prof files written by Python's cProfile (3.8-3.13), pstats.dump_stats or mudserver's \
            profiler. `profstats FILE...` is short for `profstats report FILE...`.
            """,
        version: MudScopeVersion.current,
        subcommands: [ReportCommand.self],
        defaultSubcommand: ReportCommand.self)
}
