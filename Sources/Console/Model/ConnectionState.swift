/// Where mudtop's numbers come from right now, as the header shows it.
enum ConnectionState: Equatable, Sendable {
    /// Dialling the server (`target` names the socket or address).
    case connecting(target: String)
    /// Attached; snapshots arrive.
    case connected
    /// The server went away; another attempt follows in `retryIn` seconds.
    case disconnected(reason: String, retryIn: Double)
    /// The server speaks something mudtop must not guess at (a new protocol major); no retry.
    case refused(reason: String)
    /// Playing back a recorded file.
    case replaying(file: String)
    /// The recording is over; the screen keeps its last state.
    case replayEnded(file: String)

    /// The short text the header shows.
    var label: String {
        switch self {
        case .connecting(let target): "connecting to \(target)"
        case .connected: "connected"
        case .disconnected: "disconnected, retrying"
        case .refused: "refused"
        case .replaying: "replay"
        case .replayEnded: "replay ended"
        }
    }

    /// Whether the state is bad news (drawn in the warning colour).
    var isTrouble: Bool {
        switch self {
        case .disconnected, .refused: true
        default: false
        }
    }
}
