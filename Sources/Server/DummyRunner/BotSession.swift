/// One simulated player's state machine: it knows no sockets or clocks (sans-IO).
///
/// The runner calls `tick` on the bot's schedule, `connected`, `received`, `receivedMark` and
/// `serverMarksReplies` on network events, and sends the lines these return. Lines of an action go
/// one at a time: the next is sent when the previous one's reply arrives (a `silent` command is not
/// waited for), so each command's round trip is measured from its own send to its own reply.
///
/// Which output is a command's reply: a server that agreed to mark the end of each input line's
/// output (telnet EOR, RFC 885; mudserver does, Evennia does not) says so exactly. The mark numbered
/// n ends line n's output, so a reply ends at its own mark whatever other players' output came
/// first, and the round trip runs to that mark (a reply is one write, so its first byte and its
/// mark arrive together). Without marks, only a lag probe's reply can be told from other output
/// (it echoes the probe): a probe waits for its echo (or a refusal); any other command takes the
/// first output after it as its reply.
struct BotSession: Sendable {
    /// Where the bot is in its life.
    enum Phase: Equatable, Sendable {
        /// Not connected; logs in on its turn.
        case offline
        /// A connection is being made.
        case connecting
        /// Connected, waiting for the login screen.
        case awaitingBanner
        /// Sending its login lines.
        case loggingIn
        /// Logged in and acting.
        case playing
        /// Sent its logout lines; waiting for the server to close.
        case loggingOut
    }

    /// What the runner must do for the bot.
    enum Effect: Equatable, Sendable {
        /// Nothing.
        case none
        /// Open a connection.
        case connect
        /// Send these lines (CR LF each), in order.
        case send([String])
    }

    private struct QueuedLine: Sendable {
        var text: String
        var due: Double
        var startsAction: Bool
    }

    private struct InFlight: Sendable {
        var sentAt: Double
        var lateness: Double
        var isProbe: Bool
        /// Its number among the lines sent on this connection (its mark has the same number).
        var line: Int
    }

    /// The bot's settings.
    let profile: RunnerProfile
    /// Names, counter, exits and objects.
    private(set) var memory: BotMemory
    /// The current phase.
    private(set) var phase = Phase.offline
    /// Seconds a reply may take before it counts as timed out.
    let replyTimeout: Double
    private var queue: [QueuedLine] = []
    private var inFlight: InFlight?
    private var actionLateness = 0.0
    /// Whether the server marks the end of each input line's output (it answered WILL EOR).
    private(set) var marksReplies = false
    /// Lines sent on this connection.
    private var linesSent = 0
    /// End-of-record marks received on this connection.
    private var marksReceived = 0
    /// Text since the last mark, while the server marks replies (the reply's text, for probes and
    /// refusals); at most `replyTextLimit` bytes of it.
    private var replyText: [UInt8] = []
    /// The most reply text kept.
    static let replyTextLimit = 4096
    private let silent: Set<String>
    private let table: ActionTable

    /// Most queued lines a bot keeps; further actions are skipped and counted.
    static let queueLimit = 64

    /// A bot playing `profile` with this memory.
    init(profile: RunnerProfile, memory: BotMemory, replyTimeout: Double = 10) {
        self.profile = profile
        self.memory = memory
        self.replyTimeout = replyTimeout
        self.silent = Set(profile.silent.map { $0.lowercased() })
        self.table = profile.table
    }

    /// Whether the bot has finished logging in and is playing.
    var isLoggedIn: Bool { phase == .playing }

    /// The bot's turn, due at `due` and run at `now`. `login` says whether an offline bot logs in
    /// now (the ramp's schedule, or Evennia's chance decided by the caller).
    mutating func tick<G: RandomNumberGenerator>(due: Double, now: Double, login: Bool,
                                                 statistics: inout RunStatistics, using generator: inout G) -> Effect {
        if let flight = inFlight, now - flight.sentAt > replyTimeout {
            statistics.countError(\.timeouts)
            inFlight = nil
        }
        switch phase {
        case .offline:
            guard login else { return .none }
            phase = .connecting
            queue = expand(profile.login, due: due)
            return .connect
        case .playing:
            guard Double.random(in: 0..<1, using: &generator) < profile.chanceOfAction,
                  let index = table.pick(using: &generator) else { return pump(now: now, statistics: &statistics) }
            guard queue.count < Self.queueLimit else {
                statistics.countError(\.skipped)
                return pump(now: now, statistics: &statistics)
            }
            let action = table.actions[index]
            statistics.countAction(action.name)
            queue += expand(action.commands, due: due)
            return pump(now: now, statistics: &statistics)
        case .connecting, .awaitingBanner, .loggingIn, .loggingOut:
            return pump(now: now, statistics: &statistics)
        }
    }

    /// The connection is open (it has sent no line and received no mark yet).
    mutating func connected() {
        guard phase == .connecting else { return }
        phase = .awaitingBanner
        marksReplies = false
        linesSent = 0
        marksReceived = 0
        replyText = []
    }

    /// The server will (or will no longer) mark the end of each input line's output.
    mutating func serverMarksReplies(_ on: Bool) {
        marksReplies = on
        replyText = []
    }

    /// The connection could not be made or was closed.
    mutating func disconnected(statistics: inout RunStatistics, failedToConnect: Bool) {
        if failedToConnect {
            statistics.countError(\.connectFailures)
        } else if phase == .playing || phase == .loggingIn {
            statistics.countError(\.disconnects)
        }
        phase = .offline
        queue = []
        inFlight = nil
    }

    /// Server output `text` arrived at `now`.
    mutating func received(_ text: Substring, now: Double, statistics: inout RunStatistics) -> Effect {
        switch phase {
        case .awaitingBanner:
            phase = .loggingIn
            return pump(now: now, statistics: &statistics)
        case .offline, .connecting:
            return .none
        case .loggingIn, .playing, .loggingOut:
            if marksReplies {
                // Part of some line's output: which line's, its mark will tell.
                replyText += text.utf8.prefix(Self.replyTextLimit - replyText.count)
                return .none
            }
            guard let flight = inFlight else { return .none }
            let refusal = Self.refusal(text)
            // A probe's reply is its echo. Output that comes first (another player arriving or
            // talking) neither ends the probe nor stands for its lag.
            if flight.isProbe, refusal == nil, !text.contains(LagProbe.marker) { return .none }
            return complete(flight, reply: text, refusal: refusal, now: now, statistics: &statistics)
        }
    }

    /// An end-of-record mark arrived at `now`: the output of the next unmarked line is complete.
    mutating func receivedMark(now: Double, statistics: inout RunStatistics) -> Effect {
        marksReceived += 1
        defer { replyText.removeAll(keepingCapacity: true) }
        guard marksReplies, let flight = inFlight, marksReceived >= flight.line else { return .none }
        let text = String(decoding: replyText, as: UTF8.self)
        statistics.count(\.markedReplies)
        return complete(flight, reply: text[...], refusal: Self.refusal(text[...]), now: now, statistics: &statistics)
    }

    /// How a reply refuses its command.
    enum Refusal: Equatable {
        /// `... is not available`: no such command here (an exit that is elsewhere).
        case unavailable
        /// `You are not allowed ...`: the account lacks the rights (a builder command); the line.
        case notAllowed(String)
    }

    /// How a reply refuses its command, if it does.
    static func refusal(_ text: Substring) -> Refusal? {
        // Every reply is checked: the common case (no refusal) costs two substring searches.
        if text.contains("You are not allowed"), let range = text.range(of: "You are not allowed") {
            let line = text[range.lowerBound...].prefix { !$0.isNewline }
            return .notAllowed(String(line).trimmingCharacters(in: .whitespaces))
        }
        return text.contains("is not available") ? .unavailable : nil
    }

    /// The reply to the command in flight arrived at `now`: records its round trip (and a probe's
    /// lag), then sends what comes next.
    private mutating func complete(_ flight: InFlight, reply text: Substring, refusal: Refusal?, now: Double,
                                   statistics: inout RunStatistics) -> Effect {
        inFlight = nil
        let roundTrip = now - flight.sentAt
        statistics.count(\.replies)
        statistics.recordRoundTrip(roundTrip, corrected: roundTrip + max(0, flight.lateness))
        if flight.isProbe, let probe = LagProbe.parse(text, receivedAt: now) {
            statistics.recordProbe(probe, lateness: flight.lateness)
        }
        if let refusal {
            statistics.countError(\.rejected)
            if case .notAllowed(let line) = refusal { statistics.countNotAllowed(line) }
        }
        return pump(now: now, statistics: &statistics)
    }

    /// The run is over: drop what is queued and send the logout lines.
    mutating func logOut(now: Double) -> Effect {
        guard phase == .playing || phase == .loggingIn || phase == .awaitingBanner else { return .none }
        phase = .loggingOut
        inFlight = nil
        queue = []
        let lines = profile.logout.flatMap { CommandTemplate.expand($0, memory: &memory) }
        linesSent += lines.count
        return lines.isEmpty ? .none : .send(lines)
    }

    private mutating func expand(_ templates: [String], due: Double) -> [QueuedLine] {
        let lines = templates.flatMap { CommandTemplate.expand($0, memory: &memory) }
        return lines.enumerated().map { QueuedLine(text: $1, due: due, startsAction: $0 == 0) }
    }

    /// Sends queued lines until one needs a reply.
    private mutating func pump(now: Double, statistics: inout RunStatistics) -> Effect {
        guard phase == .loggingIn || phase == .playing else { return .none }
        var lines: [String] = []
        while inFlight == nil, !queue.isEmpty {
            let next = queue.removeFirst()
            if next.startsAction { actionLateness = max(0, now - next.due) }
            let text = CommandTemplate.stamp(next.text, time: now)
            lines.append(text)
            linesSent += 1
            statistics.count(\.commands)
            let command = text.prefix { $0 != " " }.lowercased()
            if !silent.contains(command) {
                inFlight = InFlight(sentAt: now, lateness: actionLateness,
                                    isProbe: command == "dummyrunner_echo_response", line: linesSent)
            }
        }
        if phase == .loggingIn, queue.isEmpty, inFlight == nil { phase = .playing }
        return lines.isEmpty ? .none : .send(lines)
    }
}
