#if canImport(Glibc)
import Glibc
#endif
import ProfileKit

/// `mudtop --batch`: prints snapshots as records on standard output without curses, like
/// `top -b`, until `count` records or the end of a replay.
struct BatchRunner {
    /// The source read.
    let source: any MetricsSource
    /// The record format.
    let format: BatchFormat
    /// Records to print before stopping (nil: no limit).
    let count: Int?
    /// Print history batches too (a replay's history is part of the recording).
    let includeHistory: Bool

    /// Runs; returns the exit status (0, or 1 when the server was refused).
    func run(write: (String) -> Void, warn: (String) -> Void) -> Int32 {
        var printed = 0
        var server: ServerIdentity?
        if let preamble = format.preamble { write(preamble) }
        if count == 0 { return 0 }
        while true {
            wait()
            for event in source.step(now: MonotonicClock.now()) {
                var batch: [MetricsSnapshot] = []
                switch event {
                case .attached(let hello): server = hello.server
                case .history(let snapshots): if includeHistory { batch = snapshots }
                case .snapshots(let snapshots): batch = snapshots
                case .disconnected(let reason, let retryIn):
                    warn("mudtop: disconnected (\(reason)), retrying in \(Int(retryIn)) s")
                case .refused(let reason):
                    warn("mudtop: \(reason)")
                    return 1
                case .requestFailed(let message):
                    warn("mudtop: \(message)")
                case .connecting, .replayStarted, .result, .replayEnded:
                    break
                }
                for snapshot in batch {
                    write(format.record(snapshot, server: server))
                    printed += 1
                    if let count, printed >= count { return 0 }
                }
            }
            if source.isFinished { return 0 }
        }
    }

    private func wait() {
        var descriptors: [pollfd] = source.descriptor.map { [pollfd(fd: $0, events: Int16(POLLIN), revents: 0)] } ?? []
        var timeout: Int32 = -1
        if let deadline = source.deadline {
            timeout = Int32(max(0, min(((deadline - MonotonicClock.now()) * 1_000).rounded(.up), 60_000)))
        }
        if descriptors.isEmpty && timeout < 0 { return }
        _ = poll(&descriptors, nfds_t(descriptors.count), timeout)
    }
}
