import Foundation

/// The files of one game: config, database, pid file, lock, logs.
struct GameDirectory: Sendable {
    /// The directory itself.
    let path: String

    /// A game directory at `path` (made absolute, so a re-executed server finds it).
    init(_ path: String) {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        self.path = URL(fileURLWithPath: absolute).standardizedFileURL.path
    }

    /// `mudserver.conf`.
    var configFile: String { path + "/mudserver.conf" }
    /// `mudserver.db` (SQLite, WAL).
    var databaseFile: String { path + "/mudserver.db" }
    /// `held-changes.json`: changes the database refused, kept for the next start to write
    /// (only while it refuses them; mode 0600).
    var heldChangesFile: String { path + "/held-changes.json" }
    /// `server.pid`: pid, port, bind address and start time of the running server.
    var pidFile: String { path + "/server.pid" }
    /// `server.lock`: held (flock) by the running server.
    var lockFile: String { path + "/server.lock" }
    /// `metrics.db`: the per-second metrics history (SQLite).
    var metricsFile: String { path + "/metrics.db" }
    /// `admin.sock`: the admin endpoint (mode 0600).
    var adminSocket: String { path + "/admin.sock" }
    /// `admin.token`: the admin TCP token (mode 0600), written when admin TCP is on.
    var adminTokenFile: String { path + "/admin.token" }
    /// `logs/`.
    var logDirectory: String { path + "/logs" }
    /// `logs/server.log`.
    var logFile: String { logDirectory + "/server.log" }

    /// Whether `init` was run here.
    var exists: Bool { FileManager.default.fileExists(atPath: configFile) }

    /// Reads the config file.
    func loadConfig() throws(LauncherError) -> ServerConfig {
        guard exists else { throw .notAGameDirectory(path) }
        guard let text = try? String(contentsOfFile: configFile, encoding: .utf8) else {
            throw .io(path: configFile, reason: "cannot read")
        }
        return try ServerConfig.parse(text, file: configFile)
    }
}
