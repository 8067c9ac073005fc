import ProfileKit

/// The in-game `server` command (admins only): the live figures, the memory breakdown, flushing the
/// object cache, and `server/profile` (Game+ProfileCommand).
extension Game {
    /// What each switch of `server` does (a table: the profiler's switch is one row).
    static var serverSwitches: [String: (Game) -> (CommandContext) -> Void] {
        [
            "": Game.serverStatus,
            "mem": Game.serverMemory,
            "flushmem": Game.serverFlushMemory,
            "profile": Game.serverProfileCommand,
        ]
    }

    /// `server[/mem|/flushmem|/profile ...]`.
    func serverCommand(_ context: CommandContext) {
        guard let run = Self.serverSwitches[context.command.switches.first ?? ""] else {
            return send(context.session, "Usage: server | server/mem | server/flushmem | server/profile ...")
        }
        run(self)(context)
    }

    /// `server`: the status table of the latest one-second snapshot.
    func serverStatus(_ context: CommandContext) {
        guard let metrics, let snapshot = metrics.latest else {
            return send(context.session, "No metrics yet: the first snapshot comes one second after start.")
        }
        send(context.session, trimmedNewline(ServerStatusText.render(snapshot, identity: metrics.identity)))
    }

    /// `server/mem`: where the process's memory sits.
    func serverMemory(_ context: CommandContext) {
        guard let metrics, let snapshot = metrics.latest else {
            return send(context.session, "No metrics yet: the first snapshot comes one second after start.")
        }
        send(context.session, trimmedNewline(ServerStatusText.memory(snapshot, ringBytes: metrics.ringUsage.bytes)))
    }

    /// `server/flushmem`: evicts every cached object nobody uses and says how many.
    func serverFlushMemory(_ context: CommandContext) {
        let before = world.cachedCount
        let count = flushIdleObjects()
        logger.info("\(context.account.name) flushed \(count) idle objects")
        send(context.session, "Flushed \(count) idle object\(count == 1 ? "" : "s") from the cache "
            + "(\(before) cached before, \(world.cachedCount) now).")
    }

    private func trimmedNewline(_ text: String) -> String {
        text.hasSuffix("\n") ? String(text.dropLast()) : text
    }
}
