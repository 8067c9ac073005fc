import ProfileKit

/// What a metrics source reports: the live socket and a replayed file both speak in these.
enum SourceEvent: Equatable, Sendable {
    /// Dialling `target`.
    case connecting(target: String)
    /// The server's hello was read and accepted (live, or the recording's hello).
    case attached(AdminHello)
    /// A replay of `file` began.
    case replayStarted(file: String)
    /// Snapshots from before the attach (a history batch), oldest first.
    case history([MetricsSnapshot])
    /// Snapshots as they happen (the subscription, or a replay's stream), oldest first.
    case snapshots([MetricsSnapshot])
    /// A command request succeeded.
    case result(AdminCommandResult)
    /// A request failed, or the source cannot carry it out.
    case requestFailed(String)
    /// The connection ended; the source tries again after `retryIn` seconds.
    case disconnected(reason: String, retryIn: Double)
    /// The server refused us, or speaks a protocol major we do not; no retry.
    case refused(String)
    /// The recording has no more lines.
    case replayEnded
}
