import Foundation
import Testing
import TestSupport

/// `profstats browse` on a real terminal (tmux): line editing and history as a person types.
@Suite("profstats browse on a terminal")
struct BrowseTerminalTests {
    static let tmuxPath = ["/usr/bin/tmux", "/usr/local/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// A tmux server of this test's own (never the user's, which may come and go).
    private let server = "mudscope-browse-\(getpid())"

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        String(decoding: try PythonCorpus.run(Self.tmuxPath!, ["-L", server, "-f", "/dev/null"] + arguments), as: UTF8.self)
    }

    private func screen(_ session: String, until text: String) throws -> String {
        var last = ""
        for _ in 0..<100 {
            last = try tmux(["capture-pane", "-p", "-t", session])
            if last.contains(text) { return last }
            usleep(50_000)
        }
        return last
    }

    @Test("typing with arrow keys and recalling a line with Up gives the edited commands", .enabled(if: tmuxPath != nil))
    func editsAndRecalls() throws {
        let corpus = try PythonCorpus.shared.get()
        let session = "mudscope-browse-\(getpid())"
        // Started with posix_spawn and waited for with waitpid, all three streams on /dev/null: the
        // tmux server it forks keeps the descriptors it started with, so they must not be pipes.
        let arguments = [Self.tmuxPath!, "-L", server, "-f", "/dev/null", "new-session", "-d", "-s", session,
                         "-x", "100", "-y", "30", "-c", corpus.directory,
                         "\(ProfStatsCommandTests.binary) browse mutual_recursion.prof; sleep 30"]
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd: Int32 in [0, 1, 2] {
            posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        try #require(posix_spawn(&pid, Self.tmuxPath!, &actions, nil, &argv, environ) == 0)
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
        defer { _ = try? tmux(["kill-server"]) }
        _ = try screen(session, until: "mutual_recursion.prof% ")
        // "sot" + Left + "r" + End + " time" -> "sort time"; then "stats 2" -> a 2-line listing.
        try tmux(["send-keys", "-t", session, "sot", "Left", "r", "End", " time", "Enter"])
        try tmux(["send-keys", "-t", session, "stats 2", "Enter"])
        let listing = try screen(session, until: "due to restriction <2>")
        #expect(listing.contains("Ordered by: internal time"))
        // Up twice recalls "sort time"; change it to "sort calls" with Ctrl-U and retype.
        try tmux(["send-keys", "-t", session, "C-u", "sort calls", "Enter", "Up", "Up", "Enter"])
        let again = try screen(session, until: "Ordered by: call count")
        #expect(again.contains("Ordered by: call count"))
        try tmux(["send-keys", "-t", session, "quit", "Enter"])
        #expect(try screen(session, until: "Goodbye.").contains("Goodbye."))
    }
}
