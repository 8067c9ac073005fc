/// The interactive profile browser of `python -m pstats` (pstats' `ProfileBrowser`, a `cmd.Cmd`),
/// as a value: one input line in, the text it prints out. Terminal, files and prompts stay outside;
/// profiles are read through the injected loader.
///
/// Follows CPython's Lib/pstats.py and Lib/cmd.py (3.11): the same commands, messages, argument
/// typing, empty-line repetition and help layout, so that a scripted session prints the same text.
public struct StatsBrowser {
    /// Why a profile could not be loaded.
    public enum LoadError: Error, Sendable {
        /// The operating system refused the file: its errno and message ("No such file or directory").
        case system(errno: Int32, message: String)
        /// The file was read but is not a profile.
        case format(String)
    }

    /// Reads a profile file into a session, with pstats' header line.
    public typealias Loader = (String) throws(LoadError) -> StatsSession

    /// One command: its name, its help text and what it does.
    struct Command: Sendable {
        let name: String
        let help: [String]
        let run: @Sendable (inout StatsBrowser, String) -> Bool
    }

    /// The prompt to show before the next line: `% `, or `FILE% ` once a file is read.
    public private(set) var prompt = "% "
    /// The loaded statistics, if any.
    public private(set) var session: StatsSession?
    private var lastCommand = ""
    private var output = ""
    private let load: Loader

    /// A browser with nothing loaded.
    public init(loader: @escaping Loader) {
        self.load = loader
    }

    /// What `python -m pstats FILE...` does before its first prompt: read the first file, add the
    /// others, and greet. Returns the text printed.
    public mutating func start(files: [String]) -> String {
        if let first = files.first { _ = read(first) }
        for file in files.dropFirst() { _ = add(file) }
        print("Welcome to the profile statistics browser.")
        return takeOutput()
    }

    /// Handles one input line (nil at end of input, which pstats treats as `EOF`). Returns what
    /// is printed and whether the browser stops.
    public mutating func handle(_ line: String?) -> (output: String, stop: Bool) {
        let stop = oneCommand(line ?? "EOF")
        if stop { print("Goodbye.") }
        return (takeOutput(), stop)
    }

    // MARK: - cmd.Cmd

    private mutating func oneCommand(_ raw: String) -> Bool {
        var line = raw.trimmingPythonWhitespace()
        if line.isEmpty {
            return lastCommand.isEmpty ? false : oneCommand(lastCommand)
        }
        if line.first == "?" { line = "help " + line.dropFirst() }
        if line.first == "!" {
            print("*** Unknown syntax: \(line)")
            return false
        }
        let name = String(line.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
        let argument = String(line.dropFirst(name.count)).trimmingPythonWhitespace()
        lastCommand = line == "EOF" ? "" : line
        guard !name.isEmpty, let command = Self.commands.first(where: { $0.name == name }) else {
            print("*** Unknown syntax: \(line)")
            return false
        }
        return command.run(&self, argument)
    }

    private mutating func help(_ topic: String) -> Bool {
        if topic.isEmpty {
            let header = "Documented commands (type help <topic>):"
            print("")  // cmd.Cmd's doc_leader
            print(header)
            print(String(repeating: "=", count: header.count))
            print(Self.columnize(Self.commands.map(\.name).sorted(by: { CodePoint.compare($0, $1) < 0 }), width: 79))
            print("")
        } else if let command = Self.commands.first(where: { $0.name == topic }) {
            for line in command.help { print(line) }
        } else {
            print("*** No help on \(topic)")
        }
        return false
    }

    /// `cmd.Cmd.columnize`: the fewest rows whose columns, two spaces apart, fit the width.
    static func columnize(_ words: [String], width: Int) -> String {
        let count = words.count
        for rows in 1..<max(count, 1) {
            let columns = (count + rows - 1) / rows
            var widths: [Int] = []
            var total = -2
            for column in 0..<columns {
                let slice = words[(column * rows)..<min(count, (column + 1) * rows)]
                let w = slice.map { CodePoint.count($0) }.max() ?? 0
                widths.append(w)
                total += w + 2
                if total > width { break }
            }
            if total <= width {
                var lines: [String] = []
                for row in 0..<rows {
                    var cells: [String] = []
                    for column in 0..<columns where column * rows + row < count {
                        cells.append(words[column * rows + row])
                    }
                    while cells.last?.isEmpty == true { cells.removeLast() }
                    lines.append(cells.enumerated().map { i, cell in
                        i == cells.count - 1 ? cell : StatsSession.rightPadded(cell, to: widths[i])
                    }.joined(separator: "  "))
                }
                return lines.joined(separator: "\n")
            }
        }
        return words.joined(separator: "\n")
    }

    // MARK: - pstats.ProfileBrowser

    /// Runs one of the three reports with pstats' argument typing.
    private mutating func report(_ argument: String, _ print: (StatsSession, [Restriction]) -> String) -> Bool {
        var restrictions: [Restriction] = []
        for term in argument.split(whereSeparator: { $0.isWhitespace }).map(String.init) {
            switch BrowserTerm(term) {
            case .restriction(let r): restrictions.append(r)
            case .fractionOutOfRange: self.print("Fraction argument must be in [0, 1]")
            }
        }
        guard let session else {
            self.print("No statistics object is loaded.")
            return false
        }
        output += print(session, restrictions)
        return false
    }

    private mutating func read(_ argument: String) -> Bool {
        var path = argument
        if path.isEmpty {
            guard prompt.count > 2 else {
                print("No statistics object is current -- cannot reload.")
                return false
            }
            path = String(prompt.dropLast(2))
        }
        do {
            session = try load(path)
            prompt = path + "% "
        } catch {
            switch error {
            case .system(_, let message): print(message)
            case .format(let message): print(message)
            }
        }
        return false
    }

    private mutating func add(_ argument: String) -> Bool {
        guard session != nil else {
            print("No statistics object is loaded.")
            return false
        }
        do {
            let other = try load(argument)
            session!.add(contentsOf: [other])
        } catch {
            switch error {
            case .system(let errno, let message):
                print("Failed to load statistics for \(argument): [Errno \(errno)] \(message): \(PythonRepr.string(argument))")
            case .format(let message):
                print("Failed to load statistics for \(argument): \(message)")
            }
        }
        return false
    }

    private mutating func sort(_ argument: String) -> Bool {
        guard session != nil else {
            print("No statistics object is loaded.")
            return false
        }
        let words = argument.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        if !words.isEmpty, words.allSatisfy({ SortKey.named($0) != nil }) {
            session!.sort(by: words.map { SortKey.named($0)! })
        } else {
            print("Valid sort keys (unique prefixes are accepted):")
            for key in SortKey.table { print("\(key.word) -- \(key.description)") }
        }
        return false
    }

    private mutating func ifLoaded(_ change: (inout StatsSession) -> Void) -> Bool {
        if session != nil {
            change(&session!)
        } else {
            print("No statistics object is loaded.")
        }
        return false
    }

    private static let argumentHelp = [
        "Arguments may be:",
        "* An integer maximum number of entries to print.",
        "* A decimal fractional number between 0 and 1, controlling",
        "  what fraction of selected entries to print.",
        "* A regular expression; only entries with function names",
        "  that match it are printed.",
    ]

    static let commands: [Command] = [
        Command(name: "add", help: ["Add profile info from given file to current statistics object."]) { b, a in b.add(a) },
        Command(name: "callees", help: ["Print callees statistics from the current stat object."] + argumentHelp) { b, a in
            b.report(a) { $0.calleesReport($1) }
        },
        Command(name: "callers", help: ["Print callers statistics from the current stat object."] + argumentHelp) { b, a in
            b.report(a) { $0.callersReport($1) }
        },
        Command(name: "EOF", help: ["Leave the profile browser."]) { b, _ in
            b.print("")
            return true
        },
        Command(name: "help", help: ["Show help for a given command."]) { b, a in b.help(a) },
        Command(name: "quit", help: ["Leave the profile browser."]) { _, _ in true },
        Command(name: "read", help: ["Read in profile data from a specified file.",
                                     "Without argument, reload the current file."]) { b, a in b.read(a) },
        Command(name: "reverse", help: ["Reverse the sort order of the profiling report."]) { b, _ in
            b.ifLoaded { $0.reverseOrder() }
        },
        Command(name: "sort", help: ["Sort profile data according to specified keys.",
                                     "(Typing `sort' without arguments lists valid keys.)"]) { b, a in b.sort(a) },
        Command(name: "stats", help: ["Print statistics from the current stat object."] + argumentHelp) { b, a in
            b.report(a) { $0.statsReport($1) }
        },
        Command(name: "strip", help: ["Strip leading path information from filenames in the report."]) { b, _ in
            b.ifLoaded { $0.stripDirectories() }
        },
    ]

    private mutating func print(_ line: String) { output += line + "\n" }

    private mutating func takeOutput() -> String {
        defer { output = "" }
        return output
    }
}

/// One argument of the browser's report commands, typed as `ProfileBrowser.generic` types it:
/// `int()` first, then `float()` (which must lie in [0, 1]), else a regular expression.
enum BrowserTerm {
    case restriction(Restriction)
    case fractionOutOfRange

    init(_ term: String) {
        if let n = PythonNumber.integer(term) {
            self = .restriction(.count(n))
        } else if let x = PythonNumber.float(term) ?? PythonNumber.special(term) {
            self = x > 1 || x < 0 ? .fractionOutOfRange : .restriction(.fraction(x))
        } else {
            self = .restriction(.pattern(term))
        }
    }
}
