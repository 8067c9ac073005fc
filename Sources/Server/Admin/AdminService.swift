import Dispatch
import ProfileKit
import Synchronization

/// What every admin connection shares: the metrics hub, the profiler control, the game, the hello,
/// the TCP token and the connection cap. Carries out requests; the connection handler only frames.
final class AdminService: Sendable {
    /// The metrics hub (subscriptions, history).
    let metrics: ServerMetrics
    /// The hello line every connection gets first.
    let helloLine: [UInt8]
    /// Admin connections allowed at once (Unix socket and TCP together).
    let maxConnections: Int
    private let profilerControl: ProfilerControl
    private let game: GameHandle
    private let open = Atomic<Int>(0)

    /// A service over the server's parts.
    init(metrics: ServerMetrics, profilerControl: ProfilerControl, game: GameHandle, maxConnections: Int) {
        self.metrics = metrics
        self.profilerControl = profilerControl
        self.game = game
        self.maxConnections = maxConnections
        helloLine = AdminServerMessage.hello(AdminHello(server: metrics.identity)).encodedLine()
    }

    /// Takes a connection slot; false when the cap is reached.
    func admit() -> Bool {
        while true {
            let current = open.load(ordering: .relaxed)
            guard current < maxConnections else { return false }
            if open.compareExchange(expected: current, desired: current + 1, ordering: .relaxed).exchanged {
                return true
            }
        }
    }

    /// Gives back a slot taken by `admit`.
    func release() {
        open.wrappingSubtract(1, ordering: .relaxed)
    }

    /// Admin connections open now.
    var openConnections: Int { open.load(ordering: .relaxed) }

    /// Carries out `command` for request `id`; `done` gets the answer on some thread.
    func run(_ command: AdminCommand, id: Int, _ done: @escaping @Sendable (AdminServerMessage) -> Void) {
        let control = profilerControl
        @Sendable func result(_ message: String, path: String? = nil, count: Int? = nil) -> AdminServerMessage {
            .result(id: id, AdminCommandResult(command: command, message: message, path: path, count: count))
        }
        switch command {
        case .profilerStart:
            done(result(control.start() ? "profiler started" : "the profiler is already recording"))
        case .profilerStop:
            done(result(control.stop() ? "profiler stopped (what it recorded is kept)" : "the profiler is not recording"))
        case .profilerReset:
            control.reset()
            done(result("profiler reset (it is \(control.isRecording ? "still" : "not") recording)"))
        case .profilerDump:
            // A dump builds the whole profile: never on a network thread.
            DispatchQueue.global().async {
                do throws(FileWriteError) {
                    let dump = try control.dump()
                    done(result("wrote \(dump.profilePath)", path: dump.profilePath))
                } catch {
                    done(.error(AdminProtocolError(code: .commandFailed, message: error.description, requestID: id)))
                }
            }
        case .flushIdleObjects:
            game.submit { game in
                let count = game.flushIdleObjects()
                done(result("evicted \(count) idle object\(count == 1 ? "" : "s")", count: count))
            }
        }
    }
}
