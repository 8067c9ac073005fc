import ArgumentParser
import Foundation

/// `mudserver status`: running or not, with pid, address and uptime. Exit status 3 when stopped.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Say whether the server runs, with pid, port and uptime.")

    @OptionGroup var location: GameOption

    func run() throws {
        let directory = try location.existingDirectory()
        guard let record = PidFile.read(directory.pidFile), record.isAlive else {
            print("mudserver is not running (\(directory.path))")
            throw ExitCode(3)
        }
        let uptime = Game.duration(Date().timeIntervalSince1970 - record.startedAt)
        print("mudserver is running: pid \(record.pid), \(record.bind):\(record.port), up \(uptime)")
    }
}
