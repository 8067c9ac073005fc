import Foundation
import ProfileKit

/// The one place that switches the server's profiler and writes its files: the in-game
/// `server/profile` command, `start --profiler` and a later admin endpoint all call it.
///
/// Every method may be called from any thread. `dump` takes a snapshot (recording goes on) and can
/// take hundreds of milliseconds on a large tree: call it off the game executor.
final class ProfilerControl: Sendable {
    /// The server's profiler.
    let profiler: Profiler
    /// Where dumps go by default (the game directory's `logs/`).
    let directory: String

    /// Control over `profiler`, dumping into `directory` unless told otherwise.
    init(profiler: Profiler, directory: String) {
        self.profiler = profiler
        self.directory = directory
    }

    /// Whether the profiler is recording.
    var isRecording: Bool { profiler.isRecording }

    /// Starts (or resumes) recording; false if it was already recording.
    @discardableResult
    func start() -> Bool {
        guard !profiler.isRecording else { return false }
        profiler.start()
        return true
    }

    /// Stops recording (what was recorded is kept for a dump); false if it was not recording.
    @discardableResult
    func stop() -> Bool {
        guard profiler.isRecording else { return false }
        profiler.stop()
        return true
    }

    /// Forgets everything recorded so far, without changing whether recording is on.
    func reset() {
        profiler.reset()
    }

    /// What the profiler holds now, without building a profile.
    func status() -> ProfilerStatus {
        let snapshot = profiler.snapshot()
        return ProfilerStatus(recording: profiler.isRecording, nodes: snapshot.nodeCount,
                              nodeCapacity: snapshot.nodeCapacity, memoryBytes: snapshot.memoryBytes,
                              foldedCalls: snapshot.foldedCalls, scopeCalls: snapshot.scopeCalls)
    }

    /// Writes the profile so far as a pstats file and a folded-stacks file, each through a temporary
    /// file renamed into place; with `reset`, forgets what was recorded right after the snapshot.
    ///
    /// `path` is a directory (existing, or ending in `/`) to write `server.prof` and `server.folded`
    /// into, or the `.prof` file to write (the folded stacks go beside it, `.folded` for `.prof`).
    /// Relative paths start at `directory`; nil writes `directory/server.prof` and `server.folded`.
    func dump(to path: String? = nil, reset: Bool = false) throws(FileWriteError) -> ProfileDump {
        let (profilePath, foldedPath) = Self.paths(for: path, in: directory)
        let snapshot = profiler.snapshot()
        if reset { profiler.reset() }
        let profile = snapshot.profile()
        let totals = ProfileTotals(profile)
        try AtomicFile.write(profile.pstatsData(), to: profilePath)
        try AtomicFile.write(Array(snapshot.foldedStacks().utf8), to: foldedPath)
        return ProfileDump(profilePath: profilePath, foldedPath: foldedPath, functionCount: totals.functionCount,
                           calls: Int(totals.calls), primitiveCalls: Int(totals.primitiveCalls),
                           seconds: totals.time, foldedCalls: snapshot.foldedCalls,
                           nodes: snapshot.nodeCount, estimatedOverheadSeconds: snapshot.estimatedOverheadSeconds)
    }

    /// The `.prof` and `.folded` paths a dump to `path` writes (see `dump(to:reset:)`).
    static func paths(for path: String?, in directory: String) -> (profile: String, folded: String) {
        guard let path, !path.isEmpty else {
            return (directory + "/server.prof", directory + "/server.folded")
        }
        let absolute = path.hasPrefix("/") ? path : directory + "/" + path
        var isDirectory: ObjCBool = false
        if absolute.hasSuffix("/")
            || (FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) && isDirectory.boolValue)
        {
            let base = absolute.hasSuffix("/") ? String(absolute.dropLast()) : absolute
            return (base + "/server.prof", base + "/server.folded")
        }
        let stem = absolute.hasSuffix(".prof") ? String(absolute.dropLast(5)) : absolute
        return (absolute, stem + ".folded")
    }
}

/// What `ProfilerControl.status()` reports.
struct ProfilerStatus: Sendable, Equatable {
    /// Whether scopes are being recorded.
    var recording: Bool
    /// Calling-context nodes held, over all threads.
    var nodes: Int
    /// The node cap.
    var nodeCapacity: Int
    /// Bytes the trees hold.
    var memoryBytes: Int
    /// Scopes folded into their parent because the cap was reached.
    var foldedCalls: Int
    /// Scopes recorded since the last reset.
    var scopeCalls: Int

    /// One line for an admin.
    var description: String {
        let state = recording ? "recording" : "not recording"
        let megabytes = String(format: "%.1f", Double(memoryBytes) / 1_048_576)
        return "Profiler \(state): \(scopeCalls) scopes, \(nodes) of \(nodeCapacity) nodes (\(megabytes) MiB), "
            + "\(foldedCalls) folded."
    }
}
