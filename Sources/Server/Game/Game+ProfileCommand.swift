/// `server/profile`: the call-graph profiler, run by an admin while the game goes on.
extension Game {
    /// `server/profile [start|stop|reset|status|dump [path]]`, `server/profile/reset dump [path]`.
    ///
    /// Start, stop, reset and dump run off the game executor (calibration and the snapshot take
    /// time); the admin is told the outcome, a dump with the paths written and pstats' totals.
    func serverProfileCommand(_ context: CommandContext) {
        let usage = "Usage: server/profile [start|stop|reset|status|dump [path]] (server/profile/reset dump resets after)"
        guard context.command.switches.first == "profile" else { return send(context.session, usage) }
        let extra = context.command.switches.dropFirst()
        guard extra.allSatisfy({ $0 == "reset" }) else { return send(context.session, usage) }
        let resetAfter = !extra.isEmpty
        let words = context.command.args.split(separator: " ", maxSplits: 1).map(String.init)
        let control = profilerControl
        let session = context.session
        let action: @Sendable () throws -> String
        switch words.first?.lowercased() ?? "status" {
        case "status" where words.count == 1 || words.isEmpty:
            action = { control.status().description }
        case "start" where words.count == 1:
            action = { control.start() ? "Profiler started." : "The profiler is already recording." }
        case "stop" where words.count == 1:
            action = { control.stop() ? "Profiler stopped (what it recorded is kept)." : "The profiler is not recording." }
        case "reset" where words.count == 1:
            action = {
                control.reset()
                return "Profiler reset (it is \(control.isRecording ? "still" : "not") recording)."
            }
        case "dump":
            let path = words.count > 1 ? words[1].trimmed() : nil
            action = { try control.dump(to: path, reset: resetAfter).description }
        default:
            return send(session, usage)
        }
        logger.info("\(context.account.name) ran server/profile \(context.command.args)")
        let profiler = executor.profiler
        session.busy = true
        executor.runAsync({
            try profiler.withScope(ServerProbes.profileControl) { () throws -> String in try action() }
        }, onReturn: { [self] reply in
            unit {
                session.busy = false
                send(session, reply)
            }
            drainQueuedLines(session)
        }, onError: { [self] error in
            unit {
                session.busy = false
                send(session, "Profiler: \(error)")
            }
            drainQueuedLines(session)
        })
    }
}
