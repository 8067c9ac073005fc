import Foundation

/// What `server.pid` records about a running server.
struct PidFile: Equatable, Sendable {
    /// Server process id.
    var pid: Int32
    /// Listening port.
    var port: Int
    /// Listening address.
    var bind: String
    /// Unix time the server started.
    var startedAt: Double

    /// The file text: `key=value` lines.
    var text: String {
        "pid=\(pid)\nport=\(port)\nbind=\(bind)\nstarted=\(String(format: "%.3f", startedAt))\n"
    }

    /// Parses the file text; nil if it is not a complete pid file.
    static func parse(_ text: String) -> PidFile? {
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            fields[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        guard let pid = fields["pid"].flatMap({ Int32($0) }), let port = fields["port"].flatMap({ Int($0) }),
              let bind = fields["bind"], let started = fields["started"].flatMap({ Double($0) }) else { return nil }
        return PidFile(pid: pid, port: port, bind: bind, startedAt: started)
    }

    /// Reads `path`; nil if missing or unreadable.
    static func read(_ path: String) -> PidFile? {
        (try? String(contentsOfFile: path, encoding: .utf8)).flatMap(parse)
    }

    /// Writes atomically to `path`.
    func write(to path: String) throws(LauncherError) {
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw .io(path: path, reason: "cannot write pid file")
        }
    }

    /// Whether the process is alive.
    var isAlive: Bool { kill(pid, 0) == 0 || errno == EPERM }
}
