import ProfileKit

/// A question the footer is asking; while it is open, keys answer it.
enum Prompt: Equatable, Sendable {
    /// Confirm a command that changes the server (y/n).
    case confirm(AdminCommand)
    /// Typing the panel filter.
    case filter

    /// The footer's question for a command.
    static func question(for command: AdminCommand) -> String {
        switch command {
        case .profilerStart: "Start the profiler on the server? (y/n)"
        case .profilerStop: "Stop the profiler on the server? (y/n)"
        case .profilerDump: "Dump the profile to a file on the server? (y/n)"
        case .profilerReset: "Discard what the profiler recorded? (y/n)"
        case .flushIdleObjects: "Flush idle objects from the server's cache? (y/n)"
        }
    }
}
