import ProfileKit

/// Everything mudtop's screen shows, as a value: the source's events and the operator's keys change
/// it, `DashboardRenderer` draws it, and nothing else holds state.
struct DashboardModel: Equatable, Sendable {
    /// The most snapshots kept (four hours at one per second); the oldest go first.
    static let historyCapacity = 14_400

    /// The server's identity, from its hello (nil before attaching or for a bare snapshot file).
    var server: ServerIdentity?
    /// The admin protocol version the server's hello named (nil before a hello, or without one).
    var serverProtocol: AdminProtocolVersion?
    /// Where the numbers come from.
    var connection: ConnectionState
    /// Every snapshot held, oldest first by time, no two with the same time.
    private(set) var history: [MetricsSnapshot] = []
    /// While paused, the newest time the screen shows; snapshots after it wait.
    private(set) var pausedAt: Double?
    /// The table under the meters.
    var panel: Panel = .slowestCommands
    /// Each panel's sort.
    var sorts: [Panel: PanelSort] = Dictionary(uniqueKeysWithValues: Panel.allCases.map { ($0, $0.defaultSort) })
    /// Only panel rows whose name contains this (case-insensitive) are shown.
    var filter = ""
    /// How much history the graphs span.
    var graphWindow: GraphWindow = .tenMinutes
    /// The open question, if any.
    var prompt: Prompt?
    /// Whether the help screen covers the dashboard.
    var showingHelp = false
    /// The last command outcome or error, shown in the footer until the next key.
    var status: StatusMessage?
    /// Whether graphs use Unicode (braille, box drawing) or plain ASCII.
    var charset: Charset = .unicode

    /// A model for a source described by `connection`.
    init(connection: ConnectionState, charset: Charset = .unicode) {
        self.connection = connection
        self.charset = charset
    }

    /// The snapshots the screen shows: all of them, or up to the pause.
    var visibleHistory: ArraySlice<MetricsSnapshot> {
        guard let pausedAt else { return history[...] }
        let end = history.partitioningIndex { $0.time > pausedAt }
        return history[..<end]
    }

    /// The newest snapshot on screen.
    var latest: MetricsSnapshot? { visibleHistory.last }

    /// Snapshots that arrived after the pause.
    var heldBack: Int { history.count - visibleHistory.count }

    /// Whether the graphs are frozen.
    var isPaused: Bool { pausedAt != nil }

    /// The visible snapshots inside the graph window, oldest first.
    var windowHistory: ArraySlice<MetricsSnapshot> {
        let visible = visibleHistory
        guard let span = graphWindow.seconds, let end = visible.last?.time else { return visible }
        let start = visible.partitioningIndex { $0.time > end - span }
        return visible[start...]
    }

    /// Freezes the screen at the newest snapshot, or thaws it.
    mutating func togglePause() {
        pausedAt = pausedAt == nil ? (history.last?.time ?? -Double.infinity) : nil
    }

    /// Takes one event from the source.
    mutating func apply(_ event: SourceEvent) {
        switch event {
        case .connecting(let target):
            if case .replaying = connection { return }
            connection = .connecting(target: target)
        case .attached(let hello):
            server = hello.server
            serverProtocol = hello.protocolVersion
            if case .replaying = connection { return }
            connection = .connected
        case .replayStarted(let file):
            connection = .replaying(file: file)
        case .history(let snapshots), .snapshots(let snapshots):
            merge(snapshots)
        case .result(let result):
            status = StatusMessage(text: result.message.isEmpty ? result.command.rawValue : result.message, isError: false)
        case .requestFailed(let message):
            status = StatusMessage(text: message, isError: true)
        case .disconnected(let reason, let retryIn):
            connection = .disconnected(reason: reason, retryIn: retryIn)
        case .refused(let reason):
            connection = .refused(reason: reason)
            status = StatusMessage(text: reason, isError: true)
        case .replayEnded:
            if case .replaying(let file) = connection { connection = .replayEnded(file: file) }
        }
    }

    /// Adds snapshots in time order, skipping times already held (history re-sent after a
    /// reconnect overlaps what mudtop kept).
    mutating func merge(_ snapshots: [MetricsSnapshot]) {
        for snapshot in snapshots {
            if let last = history.last, snapshot.time <= last.time {
                let index = history.partitioningIndex { $0.time >= snapshot.time }
                if index < history.count, history[index].time == snapshot.time { continue }
                history.insert(snapshot, at: index)
            } else {
                history.append(snapshot)
            }
        }
        if history.count > Self.historyCapacity {
            history.removeFirst(history.count - Self.historyCapacity)
        }
    }
}

/// A line of news for the footer.
struct StatusMessage: Equatable, Sendable {
    /// What happened.
    var text: String
    /// Drawn as an error.
    var isError: Bool
}

/// Which glyphs the renderer may use: the locale decides.
enum Charset: Sendable {
    /// Braille graphs, box drawing, block bars.
    case unicode
    /// Plain ASCII for terminals and locales without UTF-8.
    case ascii
}

extension Collection {
    /// The first index whose element satisfies `belongs`, for a collection in which every element
    /// that does comes after every element that does not (binary search).
    func partitioningIndex(where belongs: (Element) -> Bool) -> Index {
        var low = startIndex
        var count = self.count
        while count > 0 {
            let half = count / 2
            let middle = index(low, offsetBy: half)
            if belongs(self[middle]) {
                count = half
            } else {
                low = index(after: middle)
                count -= half + 1
            }
        }
        return low
    }
}
