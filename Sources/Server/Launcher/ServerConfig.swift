/// The settings in `mudserver.conf` (`key = value` lines, `#` comments), with documented defaults.
struct ServerConfig: Equatable, Sendable {
    /// Address to listen on. Loopback by default: expose a game on purpose, never by accident.
    var bind = "127.0.0.1"
    /// Telnet port.
    var port = 4000
    /// PBKDF2-SHA256 iterations for new password hashes (OWASP 2023 advice: 600000).
    var passwordRounds = 600_000
    /// Failed logins allowed per address within `loginFailWindow` before login is refused.
    var loginFailLimit = 5
    /// Seconds over which failed logins are counted.
    var loginFailWindow = 60.0
    /// Simultaneous connections allowed from one address.
    var maxConnectionsPerAddress = 20
    /// Seconds a connection may stay on the login screen before it is closed.
    var loginTimeout = 300.0
    /// Bytes of unsent output a client may fall behind by before it is disconnected.
    var outputBufferLimit = 1 << 20
    /// Longest input line in bytes.
    var maxLineBytes = 4096
    /// Seconds an unused object stays cached.
    var objectIdleSeconds = 600.0
    /// SQLite `synchronous` mode: FULL survives power loss; NORMAL survives a process crash.
    var databaseSynchronous = "FULL"
    /// Permission given to new accounts: player, builder or admin.
    var newAccountPermission = Permission.player
    /// Load-test settings (see `applyingProfilingMode`); never on by default.
    var profilingMode = false
    /// Hours of per-second metrics kept in `metrics.db` (a day is about 86,400 rows).
    var metricsRetentionHours = 24.0
    /// Prometheus port on 127.0.0.1; nil (`off`) serves none, 0 picks a free one.
    var metricsPort: Int?
    /// Admin TCP port on 127.0.0.1 (token file `admin.token`); nil (`off`) serves only the Unix socket.
    var adminTCPPort: Int?
    /// Admin connections allowed at once.
    var adminMaxConnections = 8

    /// One documented setting: its key, a comment, how to read it, how to write it.
    struct Setting: Sendable {
        let key: String
        let help: String
        let read: @Sendable (inout ServerConfig, String) -> Bool
        let write: @Sendable (ServerConfig) -> String
    }

    /// Every setting, in file order (the table both the parser and `init`'s file come from).
    static let settings: [Setting] = [
        Setting(key: "bind", help: "Address to listen on (127.0.0.1 keeps the game local).",
                read: { $0.bind = $1; return !$1.isEmpty }, write: { $0.bind }),
        Setting(key: "port", help: "Telnet port (0 picks a free one; the pid file tells which).",
                read: { config, text in integer(text, 0...65535).map { config.port = $0 } != nil },
                write: { String($0.port) }),
        Setting(key: "password_rounds", help: "PBKDF2-SHA256 iterations for new password hashes.",
                read: { config, text in integer(text, 1...10_000_000).map { config.passwordRounds = $0 } != nil },
                write: { String($0.passwordRounds) }),
        Setting(key: "login_fail_limit", help: "Failed logins per address within login_fail_window before refusing.",
                read: { config, text in integer(text, 1...1_000_000).map { config.loginFailLimit = $0 } != nil },
                write: { String($0.loginFailLimit) }),
        Setting(key: "login_fail_window", help: "Seconds over which failed logins are counted.",
                read: { config, text in seconds(text).map { config.loginFailWindow = $0 } != nil },
                write: { format($0.loginFailWindow) }),
        Setting(key: "max_connections_per_address", help: "Simultaneous connections allowed from one address.",
                read: { config, text in
                    integer(text, 1...1_000_000).map { config.maxConnectionsPerAddress = $0 } != nil
                }, write: { String($0.maxConnectionsPerAddress) }),
        Setting(key: "login_timeout", help: "Seconds a connection may sit on the login screen.",
                read: { config, text in seconds(text).map { config.loginTimeout = $0 } != nil },
                write: { format($0.loginTimeout) }),
        Setting(key: "output_buffer_limit", help: "Bytes of unsent output before a slow client is dropped.",
                read: { config, text in integer(text, 1024...1 << 30).map { config.outputBufferLimit = $0 } != nil },
                write: { String($0.outputBufferLimit) }),
        Setting(key: "max_line_bytes", help: "Longest input line in bytes.",
                read: { config, text in integer(text, 64...1 << 20).map { config.maxLineBytes = $0 } != nil },
                write: { String($0.maxLineBytes) }),
        Setting(key: "object_idle_seconds", help: "Seconds an unused object stays in the cache.",
                read: { config, text in seconds(text).map { config.objectIdleSeconds = $0 } != nil },
                write: { format($0.objectIdleSeconds) }),
        Setting(key: "database_synchronous", help: "SQLite synchronous mode: FULL (power-loss safe) or NORMAL.",
                read: { config, text in
                    let mode = text.uppercased()
                    guard mode == "FULL" || mode == "NORMAL" else { return false }
                    config.databaseSynchronous = mode
                    return true
                }, write: { $0.databaseSynchronous }),
        Setting(key: "new_account_permission", help: "Permission of new accounts: player, builder or admin.",
                read: { config, text in Permission(rawValue: text).map { config.newAccountPermission = $0 } != nil },
                write: { $0.newAccountPermission.rawValue }),
        Setting(key: "profiling_mode", help: "Load tests only: fast hashing, no throttles or limits, builder accounts.",
                read: { config, text in
                    guard text == "true" || text == "false" else { return false }
                    config.profilingMode = text == "true"
                    return true
                }, write: { String($0.profilingMode) }),
        Setting(key: "metrics_retention_hours", help: "Hours of per-second metrics history kept in metrics.db.",
                read: { config, text in seconds(text).map { config.metricsRetentionHours = $0 } != nil },
                write: { format($0.metricsRetentionHours) }),
        Setting(key: "metrics_port", help: "Prometheus /metrics port on 127.0.0.1, or off (0 picks a free port).",
                read: { config, text in optionalPort(text).map { config.metricsPort = $0 } != nil },
                write: { $0.metricsPort.map(String.init) ?? "off" }),
        Setting(key: "admin_tcp_port", help: "Admin endpoint TCP port on 127.0.0.1 (token in admin.token), or off.",
                read: { config, text in optionalPort(text).map { config.adminTCPPort = $0 } != nil },
                write: { $0.adminTCPPort.map(String.init) ?? "off" }),
        Setting(key: "admin_max_connections", help: "Admin connections (socket and TCP) allowed at once.",
                read: { config, text in integer(text, 1...1_000).map { config.adminMaxConnections = $0 } != nil },
                write: { String($0.adminMaxConnections) }),
    ]

    /// Parses a config file's text; unknown keys and bad values are errors naming the line.
    static func parse(_ text: String, file: String) throws(LauncherError) -> ServerConfig {
        var config = ServerConfig()
        let table = Dictionary(uniqueKeysWithValues: settings.map { ($0.key, $0) })
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.prefix { $0 != "#" }.trimmed()
            guard !line.isEmpty else { continue }
            guard let equals = line.firstIndex(of: "=") else {
                throw .badConfig(file: file, line: index + 1, reason: "expected `key = value`")
            }
            let key = line[..<equals].trimmed()
            let value = line[line.index(after: equals)...].trimmed()
            guard let setting = table[key] else {
                throw .badConfig(file: file, line: index + 1, reason: "unknown setting `\(key)`")
            }
            guard setting.read(&config, value) else {
                throw .badConfig(file: file, line: index + 1, reason: "bad value `\(value)` for \(key)")
            }
        }
        return config
    }

    /// The config file text: every setting with its comment and current value.
    func rendered() -> String {
        var text = "# mudserver configuration. Lines are `key = value`; `#` starts a comment.\n"
        text += "# Values shown are the defaults unless `mudserver init` was told otherwise.\n"
        for setting in Self.settings {
            text += "\n# \(setting.help)\n\(setting.key) = \(setting.write(self))\n"
        }
        return text
    }

    private static func integer(_ text: String, _ range: ClosedRange<Int>) -> Int? {
        Int(text).flatMap { range.contains($0) ? $0 : nil }
    }

    /// `off` as `.some(nil)`, a port as `.some(port)`, anything else nil.
    private static func optionalPort(_ text: String) -> Int?? {
        if text.lowercased() == "off" { return .some(nil) }
        return integer(text, 0...65535).map { .some($0) }
    }

    private static func seconds(_ text: String) -> Double? {
        Double(text).flatMap { $0 > 0 && $0 < 1e9 ? $0 : nil }
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
