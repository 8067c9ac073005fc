/// Why a dummyrunner settings file or a run's options were refused.
enum ProfileError: Error, Equatable, CustomStringConvertible {
    /// A line of a settings file could not be read.
    case badLine(file: String, line: Int, reason: String)
    /// A settings file lacks something or has a bad value.
    case invalid(file: String, reason: String)
    /// No built-in profile has this name.
    case unknownProfile(String, known: [String])
    /// A file could not be read.
    case unreadable(String)
    /// An output file (`--json`, `--svg`) cannot be written.
    case unwritable(String, reason: String)

    /// The message shown to the user.
    var description: String {
        switch self {
        case .badLine(let file, let line, let reason): "\(file):\(line): \(reason)"
        case .invalid(let file, let reason): "\(file): \(reason)"
        case .unknownProfile(let name, let known):
            "no dummyrunner profile named '\(name)' (built in: \(known.joined(separator: ", ")))"
        case .unreadable(let path): "cannot read \(path)"
        case .unwritable(let path, let reason): "cannot write \(path): \(reason)"
        }
    }
}
