import ArgumentParser
import Foundation

/// `mudserver stop`: graceful shutdown through SIGTERM (players are told, the database flushed).
struct StopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop", abstract: "Stop the running server gracefully.")

    @OptionGroup var location: GameOption

    func run() throws {
        let directory = try location.existingDirectory()
        guard let record = PidFile.read(directory.pidFile), record.isAlive else {
            try? FileManager.default.removeItem(atPath: directory.pidFile)
            throw LauncherError.notRunning(directory.path)
        }
        kill(record.pid, SIGTERM)
        for _ in 0..<600 {
            if !record.isAlive || PidFile.read(directory.pidFile) == nil {
                // The pid file goes last; give the process a moment to exit after it.
                for _ in 0..<50 where record.isAlive { usleep(100_000) }
                print("mudserver stopped (pid \(record.pid))")
                return
            }
            usleep(100_000)
        }
        throw LauncherError.startFailed("pid \(record.pid) did not stop within 60 s")
    }
}
