import ArgumentParser
import Foundation

/// `mudserver status`: running or not, with pid, address and uptime, and the changes held for the
/// database if there are any. Exit status 3 when stopped.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Say whether the server runs, with pid, port and uptime.")

    @OptionGroup var location: GameOption

    func run() throws {
        let directory = try location.existingDirectory()
        guard let record = PidFile.read(directory.pidFile), record.isAlive else {
            print("mudserver is not running (\(directory.path))")
            if let held = Self.held(in: directory, running: false) { print(held) }
            throw ExitCode(3)
        }
        let uptime = Game.duration(Date().timeIntervalSince1970 - record.startedAt)
        print("mudserver is running: pid \(record.pid), \(record.bind):\(record.port), up \(uptime)")
        if let held = Self.held(in: directory, running: true) { print(held) }
    }

    /// A line on the changes the database refused that are held in the game directory, if any.
    private static func held(in directory: GameDirectory, running: Bool) -> String? {
        do {
            guard let held = try HeldChanges.read(from: directory.heldChangesFile) else { return nil }
            let one = held.changes.count == 1
            let (are, them) = one ? ("is", "it") : ("are", "them")
            let next = running ? "the server writes \(them) once the database takes writes" : "the next start writes \(them)"
            return "\(HeldChanges.counted(held.changes.count)) the database refused \(are) held in "
                + "\(directory.heldChangesFile); \(next)"
        } catch {
            return "\(error)"
        }
    }
}
