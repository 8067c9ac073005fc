import Logging
import ProfileKit
import SQLiteStore

/// The world's owner: sessions, the object cache, commands and the commit-before-reply rule.
///
/// All methods run on the game executor. Each entry point is one unit of work: the changes it
/// makes go to the writer as one batch, and what it says is sent once that batch is committed.
final class Game {
    /// Server settings.
    let config: ServerConfig
    /// The game thread and its off-loop helpers.
    let executor: GameExecutor
    /// The object cache.
    let world: World
    /// Where server events are logged.
    let logger: Logger
    /// Unix time now (injected so tests could move it).
    let clock: @Sendable () -> Double
    /// Connected sessions by id.
    private(set) var sessions: [Int: Session] = [:]
    /// Sessions by the character they play.
    var sessionsByCharacter: [Int64: Session] = [:]
    /// Accounts created or loaded this run, by lowercased name (newer than the database).
    var accounts: [String: AccountRecord] = [:]
    /// Names with a `create` in flight.
    var namesBeingCreated: Set<String> = []
    /// Failed-login counter.
    var throttle: LoginThrottle
    /// Game commands by name and alias.
    let commands: CommandTable
    /// Unix time the game started.
    let startedAt: Double
    /// Commands run since start.
    private(set) var commandsRun = 0
    /// The profiler's switch and dump, for `server/profile`.
    let profilerControl: ProfilerControl
    /// The live metrics (the `server` command, command latency), once the server attached them.
    var metrics: ServerMetrics?
    /// The name the command being handled is counted under in the metrics (nil: no command).
    var commandName: String?
    private let submit: ([WriteOp]) -> UInt64
    private var outbox = Outbox<Delivery>()
    /// Whether the database writer's last transaction failed (its changes wait to be retried).
    private var savingFails = false
    private var pending: [Delivery] = []
    private let deferredFlushes: DeferredFlushes

    /// A game over `world`; `submit` hands a batch to the writer and returns its sequence number.
    init(config: ServerConfig, executor: GameExecutor, world: World, logger: Logger,
         clock: @escaping @Sendable () -> Double, profilerControl: ProfilerControl,
         submit: @escaping ([WriteOp]) -> UInt64) {
        self.config = config
        self.profilerControl = profilerControl
        self.executor = executor
        self.deferredFlushes = DeferredFlushes(loop: executor.loop, recorder: executor.recorder)
        self.world = world
        self.logger = logger
        self.clock = clock
        self.submit = submit
        self.throttle = LoginThrottle(limit: config.loginFailLimit, window: config.loginFailWindow)
        self.commands = CommandTable(CommandTable.gameCommands)
        self.startedAt = clock()
    }

    // MARK: entry points (called by the network side through the executor)

    /// The game thread's recorder (scopes entered here nest like the calls they cover).
    var recorder: ThreadRecorder { executor.recorder }

    /// A client connected.
    func open(id: Int, address: String, connection: any SessionConnection) {
        let token = recorder.enter(ServerProbes.connectionOpen)
        defer { recorder.exit(token) }
        unit {
            let session = Session(id: id, address: address, connection: connection, now: clock())
            sessions[id] = session
            send(session, LoginScreen.banner)
            executor.delay(config.loginTimeout) { [weak self, weak session] in
                guard let self, let session, session.stage != .playing, session.stage != .gone else { return }
                self.unit {
                    self.send(session, "Login timed out. Goodbye.")
                    self.disconnect(session)
                }
            }
        }
    }

    /// A client sent a line; `receivedAt` (monotonic nanoseconds) starts its measured latency.
    func receive(id: Int, line: String, receivedAt: Int64? = nil) {
        let token = recorder.enter(ServerProbes.receiveLine)
        defer { recorder.exit(token) }
        guard let session = sessions[id], session.stage != .gone else { return }
        session.lastInput = clock()
        if session.busy {
            if session.queuedLines.count < 64 {
                session.queuedLines.append((line, receivedAt))
            } else if session.marksReplies {
                session.owedReplyMarks += 1
            }
            return
        }
        unit { handleMeasured(session, line, receivedAt: receivedAt) }
    }

    /// Handles a line; once its reply is handed over, its latency from `receivedAt` is recorded under
    /// the command's name (lines that ran no command are not counted). A line that left the session
    /// busy (a password being hashed) has its reply, and its latency, when that work returns.
    private func handleMeasured(_ session: Session, _ line: String, receivedAt: Int64?) {
        commandName = nil
        handle(session, line)
        var record: (@Sendable () -> Void)?
        if let receivedAt, let collector = metrics?.collector, let name = commandName {
            record = { collector.recordCommand(name: name, latencyNanoseconds: MetricsClock.system.nanoseconds() - receivedAt) }
        }
        endReply(session, record: record)
    }

    /// The output of one input line is all queued: `record` (its latency) runs once it is handed over,
    /// and a client that asked for marks gets IAC EOR after it. A line that left the session busy
    /// owes both until its work returns (`drainQueuedLines`).
    private func endReply(_ session: Session, record: (@Sendable () -> Void)?) {
        let marked = session.marksReplies && session.stage != .gone
        if session.busy {
            if let record { session.owedLatency = record }
            if marked { session.owedReplyMarks += 1 }
        } else {
            pending.endReply(to: session.connection, then: record, marked: marked)
        }
    }

    /// The client asked for (or declined) an end-of-record mark after each input line's output.
    func setReplyMarks(id: Int, on: Bool) {
        sessions[id]?.marksReplies = on
    }

    /// A client sent a line longer than the cap.
    func lineTooLong(id: Int, limit: Int) {
        guard let session = sessions[id] else { return }
        unit {
            send(session, "Your input was longer than \(limit) bytes and was ignored.")
            endReply(session, record: nil)
        }
    }

    /// The client told its window size or terminal type.
    func clientInfo(id: Int, windowSize: (Int, Int)?, terminalType: String?) {
        guard let session = sessions[id] else { return }
        if let windowSize { session.windowSize = windowSize }
        if let terminalType { session.terminalType = terminalType }
    }

    /// A client's connection closed.
    func closed(id: Int) {
        guard let session = sessions.removeValue(forKey: id) else { return }
        let token = recorder.enter(ServerProbes.connectionClose)
        defer { recorder.exit(token) }
        unit { leaveGame(session, reason: "has disconnected") }
        session.stage = .gone
    }

    /// The writer committed everything up to `sequence`, or, with `error`, failed to and keeps
    /// those changes to try again; a success after failures means they are in too. Players hear
    /// of the first failure and of the recovery, not of every retry.
    func didCommit(_ sequence: UInt64, error: StoreError?) {
        let token = recorder.enter(ServerProbes.commitAck)
        defer { recorder.exit(token) }
        if let error {
            logger.error("database write failed: \(error); the changes are kept and tried again")
            if !savingFails { tellPlayers("[Server] Saving to the database failed; your changes are kept and saving is retried.") }
            savingFails = true
        } else if savingFails {
            savingFails = false
            logger.notice("database writes work again; the changes kept since the failure are saved")
            tellPlayers("[Server] Saving to the database works again; your changes are saved.")
        }
        world.committed(upTo: sequence, failed: error != nil)
        perform(outbox.commit(upTo: sequence))
    }

    private func tellPlayers(_ text: String) {
        unit {
            for session in playingSessions { send(session, text) }
        }
    }

    /// Tells everyone the server is going down and closes their connections.
    func shutdown(message: String) {
        unit {
            for session in sessions.values.sorted(by: { $0.id < $1.id }) {
                send(session, message)
                disconnect(session)
            }
        }
    }

    /// Drops every cached object not in use (`server/flushmem`, the admin `flush_idle_objects`).
    func flushIdleObjects() -> Int {
        evictIdleObjects(idleSeconds: 0)
    }

    /// Drops idle objects from the cache (not what players use or stand in).
    func evictIdleObjects(idleSeconds: Double? = nil) -> Int {
        let token = recorder.enter(ServerProbes.evictIdle)
        defer { recorder.exit(token) }
        var pinned: Set<Int64> = [world.startRoomID]
        for session in sessions.values {
            guard let id = session.characterID, let character = world.object(id) else { continue }
            pinned.insert(id)
            if let location = character.record.locationID { pinned.insert(location) }
        }
        return world.evictIdle(now: clock(), idleSeconds: idleSeconds ?? config.objectIdleSeconds, pinned: pinned)
    }

    /// Replies waiting for a commit.
    var repliesWaiting: Int { outbox.waiting }

    // MARK: the unit of work

    /// Runs `body`, then submits its changes and queues its output behind their commit.
    func unit(_ body: () -> Void) {
        let outer = pending
        pending = []
        body()
        let deliveries = pending
        pending = outer
        var sequence: UInt64 = 0
        if let changes = world.takeChanges() {
            let token = recorder.enter(ServerProbes.submitChanges)
            sequence = submit(changes.ops)
            world.markUncommitted(changes.touched, sequence: sequence)
            recorder.exit(token)
        }
        perform(outbox.add(deliveries, after: sequence))
    }

    /// Encodes and hands over replies whose changes are committed, then writes them out.
    private func perform(_ deliveries: [Delivery]) {
        guard !deliveries.isEmpty else { return }
        let token = recorder.enter(ServerProbes.outputWrite)
        defer { recorder.exit(token) }
        deliveries.performAndFlush(deferringCrowdsTo: deferredFlushes)
    }

    /// Queues text for a session (a line ending is added).
    func send(_ session: Session, _ text: String) {
        guard session.stage != .gone else { return }
        // Room for a reply, its end mark and its latency record in one allocation.
        if pending.capacity == 0 { pending.reserveCapacity(4) }
        pending.append(.line(session.connection, text))
    }

    /// Queues a password-mode switch for a session.
    func passwordMode(_ session: Session, _ on: Bool) {
        pending.append(.passwordMode(session.connection, on))
    }

    /// Queues closing a session's connection.
    func disconnect(_ session: Session) {
        guard session.stage != .gone else { return }
        leaveGame(session, reason: "has left the game")
        session.stage = .gone
        pending.append(.close(session.connection))
    }

    /// Sends `text` to every playing session whose character is in `room`, except `excluded`.
    func announce(in room: Int64?, _ text: String, except excluded: Int64? = nil) {
        let token = recorder.enter(ServerProbes.broadcast)
        defer { recorder.exit(token) }
        guard let room = world.object(room) else { return }
        world.forEachContent(of: room) { object in
            guard object.kind == .character, object.id != excluded else { return }
            if let session = sessionsByCharacter[object.id] { send(session, text) }
        }
    }

    /// Sessions that are playing, in connection order.
    var playingSessions: [Session] {
        sessions.values.filter { $0.stage == .playing }.sorted { $0.id < $1.id }
    }

    // MARK: dispatch

    private func handle(_ session: Session, _ line: String) {
        let token = recorder.enter(ServerProbes.commandPipeline)
        defer { recorder.exit(token) }
        switch session.stage {
        case .gone:
            return
        case .password(let creating, let name):
            commandName = "(password)"
            session.stage = .login
            passwordMode(session, false)
            send(session, "")
            if creating { createAccount(session, name: name, password: line) } else {
                connectAccount(session, name: name, password: line)
            }
        case .login:
            guard let command = recorder.withScope(ServerProbes.parse, { CommandParser.parse(line) }) else { return }
            commandName = "(login)"
            session.commandCount += 1
            commandsRun += 1
            runLoginCommand(session, command)
        case .playing:
            guard let command = recorder.withScope(ServerProbes.parse, { CommandParser.parse(line) }) else { return }
            commandName = "(unknown)"
            session.commandCount += 1
            commandsRun += 1
            runGameCommand(session, command)
        }
    }

    /// Once the session is free: settles what the line that made it busy still owed (its latency,
    /// its end-of-record mark), then handles the lines that arrived meanwhile, in order, until it is
    /// busy again.
    func drainQueuedLines(_ session: Session) {
        if !session.busy, session.stage != .gone, session.owedLatency != nil || session.owedReplyMarks > 0 {
            unit {
                // Behind the reply the finished work queued: its latency ends when that is handed over.
                if let record = session.owedLatency { pending.append(.handedOver(record)) }
                for _ in 0..<session.owedReplyMarks { pending.append(.endOfRecord(session.connection)) }
                session.owedLatency = nil
                session.owedReplyMarks = 0
            }
        }
        while !session.busy, !session.queuedLines.isEmpty, session.stage != .gone {
            let (line, receivedAt) = session.queuedLines.removeFirst()
            unit { handleMeasured(session, line, receivedAt: receivedAt) }
        }
    }

    private func leaveGame(_ session: Session, reason: String) {
        guard session.stage == .playing, let id = session.characterID, let character = world.object(id) else { return }
        announce(in: character.record.locationID, "\(character.name) \(reason).", except: id)
        if sessionsByCharacter[id] === session { sessionsByCharacter[id] = nil }
    }
}
