import ArgumentParser
import Foundation

/// `mudserver init DIR`: make a new game directory.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a game directory: config file, SQLite database, starting room, admin account.")

    @Argument(help: "The game directory to create.")
    var directory: String

    @Option(help: "Name of the admin account (asked for if missing).")
    var adminName: String?

    @Option(help: "Password of the admin account (asked for, hidden, if missing; at least 8 characters).")
    var adminPassword: String?

    @Option(help: "Port to write into the config file.")
    var port: Int = 4000

    @Option(help: "Bind address to write into the config file.")
    var bind: String = "127.0.0.1"

    @Option(help: "PBKDF2 rounds for password hashes (lower only for load tests).")
    var passwordRounds: Int = ServerConfig().passwordRounds

    func run() throws {
        let game = GameDirectory(directory)
        var config = ServerConfig()
        config.port = port
        config.bind = bind
        config.passwordRounds = passwordRounds
        guard let name = adminName ?? Self.prompt("Admin account name: ", hidden: false) else {
            throw LauncherError.missingAdmin("no admin name given (use --admin-name)")
        }
        guard let password = adminPassword ?? Self.prompt("Admin password: ", hidden: true) else {
            throw LauncherError.missingAdmin("no admin password given (use --admin-password)")
        }
        try GameInitializer(directory: game, config: config).run(adminName: name, adminPassword: password)
        print("Created game in \(game.path)")
        print("  config:   \(game.configFile)")
        print("  database: \(game.databaseFile)")
        print("  admin:    \(name)")
        print("Start it with: mudserver start --game \(game.path)")
    }

    /// Reads one line from the terminal; nil without a terminal or at end of input.
    static func prompt(_ text: String, hidden: Bool) -> String? {
        guard isatty(STDIN_FILENO) == 1 else { return nil }
        if hidden, let typed = getpass(text) {
            return String(cString: typed)
        }
        print(text, terminator: "")
        return readLine()
    }
}
