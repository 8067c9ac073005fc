import ArgumentParser
import ProfileKit

/// `profstats report`: what `pstats.Stats(files).sort_stats(keys).print_stats(restrictions)` prints.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print a profile as pstats does (the default command).",
        discussion: """
            Standard output is byte for byte what Python's
            pstats.Stats(FILE...).sort_stats(KEY...).print_stats(RESTRICTION...) prints, or
            print_callers / print_callees with --callers / --callees.

            Sort keys (any unique prefix works, as in pstats; several keys sort by each in turn):
            \(SortKey.words.joined(separator: ", ")); or one legacy number: -1 stdname, 0 calls,
            1 time, 2 cumulative.

            Restrictions apply left to right: an integer keeps that many lines, a decimal number
            below 1 keeps that fraction, anything else is a regular expression searched in the
            printed function name. --limit N is a final count restriction.
            """)

    @Argument(help: "Profiles to read (.prof); several are merged as pstats merges them.")
    var files: [String]

    @Option(name: .long, parsing: .unconditionalSingleValue,
            help: ArgumentHelp("Sort by KEY (repeatable).", valueName: "KEY"))
    var sort: [String] = []

    @Option(name: .long, parsing: .unconditionalSingleValue,
            help: ArgumentHelp("Restrict the listing (repeatable, applied in order).", valueName: "VALUE"))
    var restrict: [String] = []

    @Option(name: .long, help: "Print at most N functions (after the restrictions).")
    var limit: Int?

    @Flag(name: .long, help: "Remove directories from file names first (pstats' strip_dirs).")
    var stripDirs = false

    @Flag(name: .long, help: "Reverse the sorted order.")
    var reverse = false

    @Flag(name: .long, help: "Print who called each function (print_callers).")
    var callers = false

    @Flag(name: .long, help: "Print what each function called (print_callees).")
    var callees = false

    func validate() throws {
        if callers && callees { throw ValidationError("--callers and --callees cannot be combined.") }
        do {
            _ = try SortKey.parse(sort)
        } catch {
            throw ValidationError(error.description)
        }
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more.") }
    }

    func run() throws {
        var session = try ProfileLoader.session(files)
        if stripDirs { session.stripDirectories() }
        if !sort.isEmpty { session.sort(by: try SortKey.parse(sort)) }
        if reverse { session.reverseOrder() }
        var restrictions = restrict.map(Restriction.init(parsing:))
        if let limit { restrictions.append(.count(limit)) }
        let text: String
        if callers {
            text = session.callersReport(restrictions)
        } else if callees {
            text = session.calleesReport(restrictions)
        } else {
            text = session.statsReport(restrictions)
        }
        StandardStreams.write(text)
    }
}
