import ProfileKit

/// Draws the top two rows: the server's identity and connection state, then the figures without a
/// meter (sessions, database, cache) and the pause mark.
struct HeaderView: Sendable {
    /// The model drawn.
    let model: DashboardModel

    /// Draws rows 0 and 1 of `width` cells.
    func draw(into grid: inout CellGrid, width: Int) {
        grid.put(String(repeating: " ", count: width), x: 0, y: 0, style: .header)
        let latest = model.latest
        var parts: [String] = []
        if let server = model.server {
            parts.append(server.name)
            parts.append("v\(server.version)")
            parts.append("pid \(server.pid)")
        } else if let latest {
            parts.append("pid \(latest.process.pid)")
        } else {
            parts.append("mudtop")
        }
        if let latest { parts.append("up \(MetricsFormat.uptime(latest.process.uptimeSeconds))") }
        if let latest { parts.append("profiler " + (latest.profiler.running ? "on" : "off")) }
        let state = model.connection.label
        grid.put(Self.fitting(parts, width - state.count - 3), x: 1, y: 0, style: .header)
        if state.count + 2 <= width {
            grid.put(state, x: width - state.count - 1, y: 0, style: model.connection.isTrouble ? .error : .header)
        }
        guard grid.height > 1 else { return }
        if model.isPaused {
            let mark = "PAUSED" + (model.heldBack > 0 ? " +\(model.heldBack)" : "")
            grid.put(mark, x: max(0, width - mark.count - 1), y: 1, style: .warning)
        }
        guard let latest else {
            grid.put(waitingText, x: 1, y: 1, style: .dim)
            return
        }
        let info = Self.fitting([
            "sessions \(latest.sessions.connected) (\(latest.sessions.loggedIn) in)",
            "db \(MetricsFormat.decimal(latest.database.writesPerSecond)) w/s q\(latest.database.queueDepth)"
                + (latest.database.unsavedWrites > 0 ? " UNSAVED \(MetricsFormat.count(latest.database.unsavedWrites))" : ""),
            "cache \(MetricsFormat.count(latest.cache.objects))",
            "threads \(latest.process.threads)",
        ], model.isPaused ? width - 14 : width - 2)
        grid.put(info, x: 1, y: 1, style: .plain)
    }

    /// As many of `parts` as fit in `width` cells, two spaces apart (the first is cut if it must be).
    static func fitting(_ parts: [String], _ width: Int) -> String {
        guard let first = parts.first, width > 0 else { return "" }
        var text = first.count > width ? MetricsFormat.fit(first, width) : first
        for part in parts.dropFirst() {
            guard text.count + 2 + part.count <= width else { break }
            text += "  " + part
        }
        return text
    }

    private var waitingText: String {
        switch model.connection {
        case .refused(let reason): reason
        case .disconnected(let reason, _): reason
        default: "waiting for the first snapshot"
        }
    }
}
