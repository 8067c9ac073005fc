import ArgumentParser
import ProfileKit

/// `profstats browse`: the interactive browser of `python -m pstats`.
struct BrowseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profstats browse",
        abstract: "Browse profiles interactively, with the commands of `python -m pstats`.",
        discussion: """
            Commands: read FILE, add FILE, sort KEY..., reverse, strip, stats [RESTRICTION...], \
            callers [RESTRICTION...], callees [RESTRICTION...], help [COMMAND], quit (or end of input). \
            An empty line repeats the last command. Each command prints exactly what Python's \
            profile browser prints. On a terminal, lines can be edited (arrows, Ctrl-A/E/K/U) and \
            earlier lines recalled with the up and down arrows.
            """)

    @Argument(help: "Profiles to read at the start; the first is read, the others added.")
    var files: [String] = []

    func run() throws {
        var browser = StatsBrowser(loader: BrowseCommand.load)
        StandardStreams.write(browser.start(files: files))
        var input = LineInput()
        while true {
            let line: String?
            switch input.readLine(prompt: browser.prompt) {
            case .line(let text): line = text
            case .endOfInput: line = nil
            case .interrupted: return
            }
            let (output, stop) = browser.handle(line)
            StandardStreams.write(output)
            if stop { return }
        }
    }

    /// Reads a file as `pstats.Stats(path)` would, for the browser.
    static func load(_ path: String) throws(StatsBrowser.LoadError) -> StatsSession {
        let file: RawFile
        do {
            file = try RawFile.read(path)
        } catch {
            throw .system(errno: error.errno, message: error.description)
        }
        do {
            let profile = try Profile(pstatsData: file.bytes)
            return StatsSession(profile: profile, header: PythonTime.ctime(file.modified) + "    " + path)
        } catch {
            throw .format("\(path): \(error.description)")
        }
    }
}
