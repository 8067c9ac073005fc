/// Profiling mode (Evennia's dummyrunner settings mixin): a server a load generator can drive.
///
/// Never the default, never for a public game: passwords are hashed with one PBKDF2 round, failed
/// logins are not throttled, one address may open any number of connections, and new accounts can
/// build (so the dummyrunner's builder profiles can dig and create).
extension ServerConfig {
    /// The warning the log and the terminal show when profiling mode is on.
    static let profilingModeWarning =
        "*** PROFILING MODE: fast password hashing, no login throttle or connection limits, "
        + "new accounts are builders. For load tests only; never expose this server. ***"

    /// This config as profiling mode runs it (unchanged when `profilingMode` is off).
    func applyingProfilingMode() -> ServerConfig {
        guard profilingMode else { return self }
        var config = self
        config.passwordRounds = 1
        config.loginFailLimit = 1_000_000
        config.maxConnectionsPerAddress = 1_000_000
        if config.newAccountPermission < .builder { config.newAccountPermission = .builder }
        return config
    }
}
