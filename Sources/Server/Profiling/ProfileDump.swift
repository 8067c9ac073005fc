import Foundation

/// What one profile dump wrote: both paths and the totals pstats prints for the `.prof` file.
struct ProfileDump: Sendable, Equatable {
    /// The pstats file.
    var profilePath: String
    /// The folded-stacks file (weights in microseconds).
    var foldedPath: String
    /// Functions in the profile.
    var functionCount: Int
    /// pstats' total calls.
    var calls: Int
    /// pstats' primitive calls.
    var primitiveCalls: Int
    /// pstats' total time (the sum of own times), in seconds.
    var seconds: Double
    /// Scopes folded into their parent because the node cap was reached.
    var foldedCalls: Int
    /// Calling-context nodes over all threads.
    var nodes: Int
    /// The recorder's estimate of its own cost in the recorded time.
    var estimatedOverheadSeconds: Double?

    /// pstats' total line for the `.prof` file: `N function calls (P primitive calls) in T seconds`.
    var headline: String {
        let primitive = calls == primitiveCalls ? "" : "(\(primitiveCalls) primitive calls) "
        return "\(calls) function calls \(primitive)in \(String(format: "%.3f", seconds)) seconds"
    }

    /// The report an admin sees: the paths, and pstats' header line for the profile.
    var description: String {
        var text = "Profile written: \(profilePath) and \(foldedPath)\n"
        text += headline
        text += ", \(functionCount) functions, \(nodes) nodes"
        if foldedCalls > 0 { text += ", \(foldedCalls) calls folded at the node cap" }
        if let estimatedOverheadSeconds {
            text += String(format: "; the recorder's own cost about %.3f ms", estimatedOverheadSeconds * 1000)
        }
        return text + "."
    }
}
