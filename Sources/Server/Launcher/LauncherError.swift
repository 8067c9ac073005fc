/// Why a launcher subcommand failed; `main` turns it into a message and exit status 1.
enum LauncherError: Error, CustomStringConvertible, Equatable {
    case badConfig(file: String, line: Int, reason: String)
    case notAGameDirectory(String)
    case alreadyExists(String)
    case alreadyRunning(pid: Int32, port: Int)
    case notRunning(String)
    case missingAdmin(String)
    case io(path: String, reason: String)
    case startFailed(String)
    case database(String)

    /// The message shown to the operator.
    var description: String {
        switch self {
        case .badConfig(let file, let line, let reason): "\(file):\(line): \(reason)"
        case .notAGameDirectory(let path): "\(path) is not a game directory (run `mudserver init \(path)` first)"
        case .alreadyExists(let path): "\(path) already holds a game (mudserver.conf exists)"
        case .alreadyRunning(let pid, let port): "mudserver is already running (pid \(pid), port \(port))"
        case .notRunning(let path): "mudserver is not running in \(path)"
        case .missingAdmin(let reason): reason
        case .io(let path, let reason): "\(path): \(reason)"
        case .startFailed(let reason): "start failed: \(reason)"
        case .database(let reason): reason
        }
    }
}
