import Foundation
import Testing
@testable import Console

/// The real `mudtop` binary in a real terminal (tmux): drawing, keys, resizing, quitting.
@Suite(.enabled(if: TmuxSession.available, "tmux is not installed (.ci/run installs it)"))
struct TmuxEndToEndTests {
    /// The shell command tmux runs: mudtop, then its exit status, kept on screen.
    static func command(_ arguments: String, locale: String) throws -> String {
        "env LANG=\(locale) LC_ALL=\(locale) TERM=tmux-256color \(try MudTopBinary.path()) \(arguments); echo EXITED rc=$?; sleep 60"
    }

    /// Whether every line fits `width` and there are at most `height` of them.
    static func fits(_ text: String, width: Int, height: Int) -> Bool {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.count <= height + 1 && lines.allSatisfy { $0.count <= width }
    }

    @Test func replayDrawsAnswersKeysSurvivesResizesAndQuits() throws {
        let tmux = try TmuxSession(command: try Self.command("--replay \(ReplayFixture.path) --interval 1", locale: "C.UTF-8"),
                                   width: 100, height: 30)
        defer { tmux.kill() }
        let first = try tmux.waitFor { $0.contains("Lantern Hollow") && $0.contains("Slowest commands") }
        #expect(first.contains("Lantern Hollow  v0.1.0  pid 41207"))
        #expect(first.contains("replay"))
        #expect(first.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) }, "braille graphs:\n\(first)")
        #expect(first.contains("look"))

        try tmux.send("?")
        #expect(try tmux.waitFor { $0.contains("mudtop keys") }.contains("graph window: 1 min, 10 min, 1 h, all"))
        try tmux.send("x")
        #expect(!(try tmux.waitFor { !$0.contains("mudtop keys") }.contains("mudtop keys")))

        try tmux.send("Tab")
        let functions = try tmux.waitFor { $0.contains("Room.renderDescription") }
        #expect(functions.contains("Room.renderDescription"), "after Tab:\n\(functions)")
        try tmux.send("Tab")
        let sessions = try tmux.waitFor { $0.contains("Whispering Stacks") }
        #expect(sessions.contains("22 connected"), "after a second Tab:\n\(sessions)")
        try tmux.send("Tab", "Tab")

        try tmux.send("P")
        let question = try tmux.waitFor { $0.contains("(y/n)") }
        #expect(question.contains("Stop the profiler on the server? (y/n)"), "after P:\n\(question)")
        try tmux.send("y")
        let refusal = try tmux.waitFor { $0.contains("not connected to a server") }
        #expect(refusal.contains("not connected to a server"), "after y:\n\(refusal)")

        try tmux.resize(width: 60, height: 15)
        let small = try tmux.waitFor { Self.fits($0, width: 60, height: 15) && $0.contains("Lantern Hollow") }
        #expect(Self.fits(small, width: 60, height: 15), "after resize to 60x15:\n\(small)")
        #expect(small.split(separator: "\n").first?.contains("Lantern Hollow") == true)

        try tmux.resize(width: 40, height: 10)
        let tiny = try tmux.waitFor { Self.fits($0, width: 40, height: 10) && $0.contains("CPU usr") }
        #expect(Self.fits(tiny, width: 40, height: 10), "after resize to 40x10:\n\(tiny)")
        #expect(tiny.contains("CPU usr") && tiny.contains("Exec lag"))

        try tmux.resize(width: 120, height: 40)
        let big = try tmux.waitFor { $0.contains("Hot functions") && $0.split(separator: "\n").count >= 38 }
        #expect(big.contains("Hot functions"), "after resize to 120x40:\n\(big)")
        #expect(!big.contains("Stop the profiler"), "no stale cells from earlier screens")

        try tmux.send("q")
        let end = try tmux.waitFor { $0.contains("EXITED") }
        #expect(end.contains("EXITED rc=0"))
    }

    @Test func aTerminalThatGoesAwayEndsMudtop() throws {
        // SIGHUP ignored (as under nohup or some terminal multiplexers): only noticing the hang-up
        // on standard input can end mudtop.
        let command = "trap '' HUP; " + (try Self.command("--replay \(ReplayFixture.path) --interval 0", locale: "C.UTF-8"))
        let tmux = try TmuxSession(command: command, width: 80, height: 24)
        defer { tmux.kill() }
        _ = try tmux.waitFor { $0.contains("replay ended") }
        let shell = try #require(try tmux.panePID())
        let children = try String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
        let mudtop = try #require(children.split(separator: " ").first.flatMap { Int32($0) })
        // SIGKILL: the terminal vanishes with no SIGHUP from tmux, as when a ssh link drops.
        kill(try #require(try tmux.serverPID()), SIGKILL)
        // Gone, or a zombie waiting for its reaper; not spinning on a dead terminal.
        func alive() -> Bool {
            guard let stat = try? String(contentsOfFile: "/proc/\(mudtop)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            return !stat[stat.index(after: close)...].hasPrefix(" Z")
        }
        let deadline = Date().addingTimeInterval(5)
        while alive(), deadline.timeIntervalSinceNow > 0 { usleep(50_000) }
        #expect(!alive(), "mudtop \(mudtop) still runs after its terminal went away")
        if alive() { kill(mudtop, SIGKILL) }
    }

    @Test func plainLocaleGetsASCIIGraphs() throws {
        let tmux = try TmuxSession(command: try Self.command("--replay \(ReplayFixture.path) --interval 0", locale: "C"),
                                   width: 80, height: 24)
        defer { tmux.kill() }
        let screen = try tmux.waitFor { $0.contains("replay ended") }
        #expect(screen.contains("replay ended"))
        #expect(screen.unicodeScalars.allSatisfy { $0.isASCII }, "\(screen)")
        #expect(screen.contains("#"))
        try tmux.send("q")
        #expect(try tmux.waitFor { $0.contains("EXITED") }.contains("EXITED rc=0"))
    }
}
