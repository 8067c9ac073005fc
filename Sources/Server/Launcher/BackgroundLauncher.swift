import Foundation

/// Starts `mudserver start --foreground` detached (new session, output to the game's log).
struct BackgroundLauncher {
    /// The game to start.
    let directory: GameDirectory

    /// Spawns the server and waits (up to 30 s) until it has written its pid file.
    func launch(extraArguments: [String]) throws(LauncherError) {
        let executable = Self.selfPath()
        let arguments = [executable, "start", "--game", directory.path, "--foreground"] + extraArguments
        let pid = try spawn(arguments)
        for _ in 0..<300 {
            if let record = PidFile.read(directory.pidFile), record.pid == pid {
                print("mudserver started (pid \(pid)) on \(record.bind):\(record.port)")
                print("log: \(directory.logFile)")
                return
            }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                throw .startFailed("the server exited at once; see \(directory.logFile):\n" + logTail())
            }
            usleep(100_000)
        }
        throw .startFailed("the server did not come up within 30 s; see \(directory.logFile)")
    }

    private func spawn(_ arguments: [String]) throws(LauncherError) -> pid_t {
        // The server must not keep our inherited descriptors (a parent's pipes would never see EOF).
        let inherited = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for fd in inherited.compactMap({ Int32($0) }) where fd > 2 {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, directory.logFile, O_WRONLY | O_CREAT | O_APPEND, 0o640)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // glibc's POSIX_SPAWN_SETSID: the server leaves the terminal's session and survives its hangup.
        posix_spawnattr_setflags(&attributes, Int16(0x80))
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, environ)
        guard status == 0 else { throw .startFailed("cannot run \(arguments[0]): \(String(cString: strerror(status)))") }
        return pid
    }

    private func logTail() -> String {
        let text = (try? String(contentsOfFile: directory.logFile, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(10).joined(separator: "\n")
    }

    /// The running executable (so the child is the same build).
    static func selfPath() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
