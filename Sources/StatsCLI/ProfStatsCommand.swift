import ArgumentParser
import ProfileKit

/// `profstats`: pstats-exact analysis of call-graph profiles. Standard output is what
/// `pstats.Stats(files).sort_stats(keys).print_stats(restrictions)` prints.
struct ProfStats: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profstats",
        abstract: "Sort, restrict and print call-graph profiles exactly as Python's pstats does.",
        usage: "profstats FILE... [--sort KEY]... [--restrict VALUE]... [--limit N] [--strip-dirs] [--reverse] [--callers | --callees]",
        discussion: """
            Reads .prof files written by Python's cProfile (3.8 to 3.13), pstats.dump_stats or \
            mudserver's profiler. Standard output is byte for byte what Python's \
            pstats.Stats(FILE...).sort_stats(KEY...).print_stats(VALUE...) prints, or print_callers \
            or print_callees with --callers or --callees. Several files are merged as pstats merges them.

            Sort keys (a unique prefix works too, as in pstats; several keys sort by each in turn): \
            \(SortKey.words.joined(separator: ", ")); or one legacy number: -1 (stdname), 0 (calls), \
            1 (time), 2 (cumulative). Without --sort the listing is in the file's order.

            Restrictions apply left to right: an integer keeps that many lines, a decimal number \
            below 1 keeps that fraction, anything else is a regular expression searched in the \
            printed function name. --limit N is a final count restriction.

            `profstats browse FILE...` opens the interactive browser of `python -m pstats` \
            (see `profstats browse --help`).
            """,
        version: MudScopeVersion.current)

    @Argument(help: "Profiles to read (.prof); several are merged as pstats merges them.")
    var files: [String]

    @Option(name: .long, parsing: .unconditionalSingleValue,
            help: ArgumentHelp("Sort by KEY (repeatable).", valueName: "KEY"))
    var sort: [String] = []

    @Option(name: .long, parsing: .unconditionalSingleValue,
            help: ArgumentHelp("Restrict the listing (repeatable, applied in order).", valueName: "VALUE"))
    var restrict: [String] = []

    @Option(name: .long, help: ArgumentHelp("Print at most N functions (after the restrictions).", valueName: "N"))
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
        MemoryTuning.keepFreedMemory()
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
        // The process ends here: freeing a large profile object by object would cost more time
        // than everything above, so the memory is left to the operating system.
        _ = Unmanaged.passRetained(Retained(session))
    }
}

/// Keeps a value alive until the process exits.
private final class Retained<Value>: Sendable where Value: Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
