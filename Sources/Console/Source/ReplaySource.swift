import ProfileKit

/// Plays a `ReplayRecording` as if a server sent it: the hello and history at once, then one
/// streamed snapshot every `interval` seconds (all at once when `interval` is 0). Commands are
/// answered with "not connected to a server".
final class ReplaySource: MetricsSource {
    private let recording: ReplayRecording
    private let name: String
    private let interval: Double
    private var started: Double?
    private var released = 0
    private var ended = false

    /// A source playing `recording`, named `name` on screen.
    init(recording: ReplayRecording, name: String, interval: Double) {
        self.recording = recording
        self.name = name
        self.interval = max(0, interval)
    }

    /// A replay reads no descriptor: everything is in memory.
    var descriptor: Int32? { nil }

    /// The time the next streamed snapshot is due.
    var deadline: Double? {
        guard let started, !ended else { return started == nil ? 0 : nil }
        return started + Double(released) * interval
    }

    /// Whether every line was played.
    var isFinished: Bool { ended }

    /// Releases the opening lines on the first call, then the snapshots that are due.
    func step(now: Double) -> [SourceEvent] {
        var events: [SourceEvent] = []
        if started == nil {
            started = now
            events.append(.replayStarted(file: name))
            if let hello = recording.hello { events.append(.attached(hello)) }
            if !recording.history.isEmpty { events.append(.history(recording.history)) }
        }
        guard let started, !ended else { return events }
        var due: [MetricsSnapshot] = []
        while released < recording.stream.count, interval == 0 || started + Double(released) * interval <= now {
            due.append(recording.stream[released])
            released += 1
        }
        if !due.isEmpty { events.append(.snapshots(due)) }
        if released == recording.stream.count {
            ended = true
            events.append(.replayEnded)
        }
        return events
    }

    /// A replay cannot change a server.
    func send(_ command: AdminCommand) -> [SourceEvent] {
        [.requestFailed("not connected to a server (replaying \(name)): \(command.rawValue) not sent")]
    }

    /// Nothing to hang up.
    func close() {}
}
