/// A line from the server on the admin connection.
public enum AdminServerMessage: Sendable, Equatable {
    /// The first line: protocol version and server identity.
    case hello(AdminHello)
    /// A snapshot for the subscription opened by request `id`.
    case snapshot(id: Int, MetricsSnapshot)
    /// Part of the answer to history request `id`; `final` marks the last batch (possibly empty).
    case history(id: Int, snapshots: [MetricsSnapshot], final: Bool)
    /// The outcome of command request `id`.
    case result(id: Int, AdminCommandResult)
    /// A request failed (or a line could not be read; then `requestID` is nil).
    case error(AdminProtocolError)

    /// Most snapshots in one history line: about 2 KiB each keeps a line near 256 KiB, under the
    /// client's default line limit.
    public static let historyBatchSize = 120

    /// The `history` lines answering request `id` with `snapshots`, at most `batchSize` per line;
    /// always at least one line, the last marked final.
    public static func historyBatches(id: Int, snapshots: [MetricsSnapshot],
                                      batchSize: Int = historyBatchSize) -> [AdminServerMessage] {
        let size = max(1, batchSize)
        guard !snapshots.isEmpty else { return [.history(id: id, snapshots: [], final: true)] }
        return stride(from: 0, to: snapshots.count, by: size).map { start in
            let end = min(start + size, snapshots.count)
            return .history(id: id, snapshots: Array(snapshots[start..<end]), final: end == snapshots.count)
        }
    }
}
