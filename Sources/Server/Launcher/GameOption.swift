import ArgumentParser

/// The `--game DIR` option shared by `start`, `stop` and `status`.
struct GameOption: ParsableArguments {
    @Option(help: "The game directory.")
    var game: String = "."

    /// The game directory, which must have been made by `init`.
    func existingDirectory() throws(LauncherError) -> GameDirectory {
        let directory = GameDirectory(game)
        guard directory.exists else { throw .notAGameDirectory(directory.path) }
        return directory
    }
}
