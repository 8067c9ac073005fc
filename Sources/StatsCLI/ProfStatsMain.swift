#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The entry point: `profstats browse ...` opens the browser, anything else is a report, so that
/// `profstats FILE --sort KEY` needs no subcommand word and `--help` shows the report's options.
@main
enum ProfStatsMain {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "browse" {
            BrowseCommand.main(Array(arguments.dropFirst()))
        } else {
            ProfStats.main(arguments)
        }
        // A report that could not be written in full (a full disk) is not a success.
        if let error = StandardStreams.outputError {
            StandardStreams.fail("standard output: \(error)")
            exit(2)
        }
    }
}
