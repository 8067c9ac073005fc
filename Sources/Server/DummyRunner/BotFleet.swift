import Foundation
import NIOCore
import NIOPosix

/// Every bot of a run, their connections and the schedule; confined to one event loop.
///
/// Bot `i` takes its turn in slot `i % slotsPerTick`: turns are spread evenly over each tick, and
/// the turn of tick n is due at `start + n * tick + slot * tick / slotsPerTick` (lateness is
/// measured against that fixed deadline, STYLE rule 12). Each bot has a slot of its own, down to
/// slots of 1 ms (1,000 bots at a 1 s tick): like Evennia's clients, each on a timer of its own,
/// the bots' commands reach the server one at a time, not in bursts that one wake-up serves.
/// Past that, bots share slots: a timer a slot costs the runner a sleep and a wake-up each, and at
/// 5,000 slots a second those made it fall seconds behind its schedule (p99, corrected).
/// Under `--ramp`, logins do not wait for turns: `RampSchedule` releases them evenly.
final class BotFleet {
    private let loop: any EventLoop
    private let target: SocketAddress
    private let options: RunOptions
    private let profile: RunnerProfile
    private let clock: @Sendable () -> Double
    private let output: @Sendable (String) -> Void
    private let finished: EventLoopPromise<RunReport>
    private var sessions: [BotSession]
    private var channels: [(any Channel)?]
    private var statistics = RunStatistics()
    private var generator: SeededGenerator
    private var ramp: RampSchedule?
    private let slotsPerTick: Int
    private var slotNumber = 0
    /// When the ramp, report and duration checks run next (every 10 ms, not every slot).
    private var nextHousekeeping = 0.0
    private var start = 0.0
    private var measureStart: Double?
    private var nextReport = 0.0
    private var intervalStart = 0.0
    private var stopping = false
    private var done = false
    /// The reasons of failed connects already printed (each once, a few at most).
    private var connectFailuresShown: Set<String> = []
    /// Whether a command the server did not allow the bots has been printed (once).
    private var notAllowedShown = false

    /// A fleet for `options.bots` bots playing `profile` against `target`.
    init(loop: any EventLoop, target: SocketAddress, profile: RunnerProfile, options: RunOptions,
         clock: @escaping @Sendable () -> Double, output: @escaping @Sendable (String) -> Void,
         finished: EventLoopPromise<RunReport>) {
        self.loop = loop
        self.target = target
        self.profile = profile
        self.options = options
        self.clock = clock
        self.output = output
        self.finished = finished
        self.generator = SeededGenerator(seed: options.seed)
        self.slotsPerTick = Self.slotsPerTick(bots: options.bots, tick: options.tick)
        self.ramp = options.ramp.map { RampSchedule(bots: options.bots, ramp: $0) }
        self.sessions = (0..<options.bots).map { index in
            let gid = "\(options.runID)_\(index)"
            return BotSession(profile: profile, memory: BotMemory(gid: gid, password: "pw-\(options.runID)-\(index)"),
                              replyTimeout: options.replyTimeout)
        }
        self.channels = Array(repeating: nil, count: options.bots)
    }

    /// Starts the schedule (call on the loop, once).
    func begin(box: NIOLoopBound<BotFleet>) {
        start = clock()
        nextReport = start + options.reportEvery
        intervalStart = start
        if options.ramp == nil {
            measureStart = start
        } else {
            statistics.recording = false
        }
        scheduleSlot(box: box)
    }

    /// The shortest time between two slots' turns (seconds).
    static let shortestSlot = 0.001

    /// Slots in a tick of `tick` seconds: one per bot, as many as fit `shortestSlot` apart.
    static func slotsPerTick(bots: Int, tick: Double) -> Int {
        max(1, min(bots, Int(tick / shortestSlot)))
    }

    private var slotPeriod: Double { options.tick / Double(slotsPerTick) }

    private func scheduleSlot(box: NIOLoopBound<BotFleet>) {
        guard !stopping else { return }
        let due = start + Double(slotNumber) * slotPeriod
        let wait = max(0, due - clock())
        loop.scheduleTask(in: .nanoseconds(Int64(wait * 1_000_000_000))) {
            box.value.runSlot(due: due, box: box)
        }
    }

    private func runSlot(due: Double, box: NIOLoopBound<BotFleet>) {
        guard !stopping else { return }
        let now = clock()
        if var schedule = ramp {
            // The ramp's logins keep their own even schedule, whoever's turn this is.
            let batch = schedule.release(upTo: now - start)
            ramp = schedule
            for index in batch {
                let effect = sessions[index].tick(due: start + schedule.loginTime(of: index), now: now, login: true,
                                                  statistics: &statistics, using: &generator)
                perform(effect, for: index, box: box)
            }
        }
        let slot = slotNumber % slotsPerTick
        for index in stride(from: slot, to: sessions.count, by: slotsPerTick) {
            // A released bot that is offline again (its connection failed) retries on its turn.
            let login = ramp.map { index < $0.released }
                ?? (Double.random(in: 0..<1, using: &generator) < profile.chanceOfLogin)
            let effect = sessions[index].tick(due: due, now: now, login: login, statistics: &statistics,
                                              using: &generator)
            perform(effect, for: index, box: box)
        }
        slotNumber += 1
        if now >= nextHousekeeping {
            nextHousekeeping = now + 0.01
            housekeeping(now: now, box: box)
        }
        scheduleSlot(box: box)
    }

    private func housekeeping(now: Double, box: NIOLoopBound<BotFleet>) {
        if measureStart == nil, let ramp = options.ramp, now >= start + ramp,
           loggedIn == sessions.count || now >= start + ramp + options.loginGrace {
            measureStart = now
            statistics.recording = true
            statistics.resetInterval()
            intervalStart = now
            // The measured lines run every reportEvery from here: none for an empty interval.
            nextReport = now + options.reportEvery
            output(String(format: "[%6.1fs] ramp done: %d/%d logged in; measuring", now - start, loggedIn, sessions.count))
        }
        if now >= nextReport {
            nextReport += options.reportEvery
            output(intervalLine(now: now))
            statistics.resetInterval()
            intervalStart = now
        }
        if let measureStart, let duration = options.duration, now >= measureStart + duration {
            stop(reason: "duration reached", box: box)
        }
    }

    /// Bots that finished logging in.
    var loggedIn: Int { sessions.reduce(0) { $0 + ($1.isLoggedIn ? 1 : 0) } }

    private func intervalLine(now: Double) -> String {
        let interval = RunInterval(end: now - start, seconds: now - intervalStart, loggedIn: loggedIn,
                                   statistics: statistics)
        intervals.append(interval)
        return interval.line(bots: sessions.count)
    }

    private func perform(_ effect: BotSession.Effect, for index: Int, box: NIOLoopBound<BotFleet>) {
        switch effect {
        case .none:
            return
        case .connect:
            connect(index, box: box)
        case .send(let lines):
            guard let channel = channels[index] else { return }
            for line in lines {
                channel.write(ByteBuffer(string: line + "\r\n"), promise: nil)
            }
            channel.flush()
        }
    }

    private func connect(_ index: Int, box: NIOLoopBound<BotFleet>) {
        ClientBootstrap(group: loop)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connectTimeout(.seconds(10))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(BotChannelHandler(index: index, fleet: box))
                }
            }
            .connect(to: target)
            .whenComplete { result in
                box.value.didConnect(index, result)
            }
    }

    private func didConnect(_ index: Int, _ result: Result<any Channel, any Error>) {
        switch result {
        case .success(let channel):
            if stopping {
                channel.close(promise: nil)
                return
            }
            channels[index] = channel
            sessions[index].connected()
        case .failure(let error):
            sessions[index].disconnected(statistics: &statistics, failedToConnect: true)
            showConnectFailure(error)
        }
    }

    /// Prints why a connect failed the first time it fails for that reason (a port with no
    /// server, a wrong host), so that a run against nothing says so at once, not as an error count.
    private func showConnectFailure(_ error: any Error) {
        let reason: String
        if let error = error as? IOError {
            reason = String(cString: strerror(error.errnoCode))
        } else if let error = error as? ChannelError, error == .connectTimeout(.seconds(10)) {
            reason = "no answer within 10 s"
        } else {
            reason = "\(error)"
        }
        // Connects cut short by the stop are not news.
        guard !stopping, connectFailuresShown.count < 3, connectFailuresShown.insert(reason).inserted else { return }
        let address = target.ipAddress.map { RunTarget.label(host: $0, port: target.port ?? 0) } ?? "\(target)"
        output(String(format: "[%6.1fs] cannot connect to %@: %@ (bots keep trying; each failure counts as an error)",
                      clock() - start, address, reason))
    }

    /// Bot `index` read a piece of server output.
    func received(_ index: Int, _ piece: TelnetScanner.Piece) {
        let effect: BotSession.Effect
        switch piece {
        case .text(let bytes):
            effect = sessions[index].received(String(decoding: bytes, as: UTF8.self)[...], now: clock(),
                                              statistics: &statistics)
        case .endOfRecord:
            effect = sessions[index].receivedMark(now: clock(), statistics: &statistics)
        case .marksReplies(let on):
            sessions[index].serverMarksReplies(on)
            effect = .none
        }
        if !notAllowedShown, let line = statistics.firstNotAllowed {
            notAllowedShown = true
            output(String(format: "[%6.1fs] the server does not allow the bots a command: \"%@\" Builder profiles "
                              + "need a server in --profiling-mode, whose new accounts are builders (Evennia's "
                              + "profiling settings give them Developer)", clock() - start, line))
        }
        if case .send(let lines) = effect, let channel = channels[index] {
            for line in lines { channel.write(ByteBuffer(string: line + "\r\n"), promise: nil) }
            channel.flush()
        }
    }

    /// Bot `index`'s connection closed.
    func closed(_ index: Int) {
        channels[index] = nil
        sessions[index].disconnected(statistics: &statistics, failedToConnect: false)
        if stopping && channels.allSatisfy({ $0 == nil }) { finish() }
    }

    /// Ends the run: bots log out, then the report is made (after `logoutGrace` at the latest).
    func stop(reason: String, box: NIOLoopBound<BotFleet>) {
        guard !stopping else { return }
        let now = clock()
        let loggedInAtEnd = loggedIn
        stopping = true
        statistics.recording = false
        output(String(format: "[%6.1fs] stopping (%@); %d bots log out", now - start, reason, loggedInAtEnd))
        report = RunReport(profile: profile, bots: sessions.count, loggedIn: loggedInAtEnd, ramp: options.ramp ?? 0,
                           seconds: measureStart.map { now - $0 } ?? 0, statistics: statistics, intervals: intervals)
        for index in sessions.indices {
            perform(sessions[index].logOut(now: now), for: index, box: box)
        }
        if channels.allSatisfy({ $0 == nil }) { return finish() }
        loop.scheduleTask(in: .nanoseconds(Int64(options.logoutGrace * 1_000_000_000))) {
            box.value.finish()
        }
    }

    private var report: RunReport?
    /// The report lines' figures so far.
    private var intervals: [RunInterval] = []

    private func finish() {
        guard !done, let report else { return }
        done = true
        for channel in channels.compactMap({ $0 }) { channel.close(promise: nil) }
        finished.succeed(report)
    }
}
