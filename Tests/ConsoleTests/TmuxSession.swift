import Foundation

/// A detached tmux session on its own server socket (`-L`), so parallel tests never meet.
final class TmuxSession {
    /// The tmux server's name.
    let server = "mudtop-test-\(UUID().uuidString.prefix(8))"
    /// The session's name.
    let name = "mt"

    /// Starts `command` in a `width` x `height` window.
    init(command: String, width: Int, height: Int) throws {
        // The tmux server forks from this client: give it no pipe to hold open.
        let started = try Self.tmux(server, ["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", command],
                                    quiet: true)
        guard started.status == 0 else { throw TmuxError(description: "tmux new-session failed: \(started.output)") }
    }

    /// Whether tmux is installed.
    static var available: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }

    /// Types keys (tmux key names: `q`, `Tab`, `Space`).
    func send(_ keys: String...) throws { _ = try Self.tmux(server, ["send-keys", "-t", name] + keys) }

    /// Resizes the window.
    func resize(width: Int, height: Int) throws {
        _ = try Self.tmux(server, ["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
    }

    /// The pane's text now.
    func capture() throws -> String { try Self.tmux(server, ["capture-pane", "-p", "-t", name]).output }

    /// Waits until the pane shows something `check` accepts; returns the last capture.
    @discardableResult
    func waitFor(timeout: Double = 10, _ check: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var text = try capture()
        while !check(text), deadline.timeIntervalSinceNow > 0 {
            usleep(100_000)
            text = try capture()
        }
        return text
    }

    /// The pid of the pane's first process (the shell running the command).
    func panePID() throws -> Int32? {
        Int32(try Self.tmux(server, ["display", "-p", "-t", name, "#{pane_pid}"]).output.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The tmux server's pid.
    func serverPID() throws -> Int32? {
        Int32(try Self.tmux(server, ["display", "-p", "-t", name, "#{pid}"]).output.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Ends the tmux server.
    func kill() { _ = try? Self.tmux(server, ["kill-server"]) }

    deinit { kill() }

    /// Runs one tmux client through `system` (which waits with waitpid: Foundation's Process did
    /// not see the forking client exit), its output captured in a temporary file.
    private static func tmux(_ server: String, _ arguments: [String], quiet: Bool = false) throws -> (status: Int32, output: String) {
        let quoted = (["/usr/bin/tmux", "-L", server, "-f", "/dev/null"] + arguments)
            .map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let outputPath = NSTemporaryDirectory() + "\(server)-\(UUID().uuidString).out"
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let status = system(quoted + " </dev/null >" + (quiet ? "/dev/null" : outputPath) + " 2>&1")
        let output = quiet ? "" : ((try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "")
        return (status, output)
    }

    struct TmuxError: Error, CustomStringConvertible {
        var description: String
    }
}
