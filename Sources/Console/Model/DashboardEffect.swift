import ProfileKit

/// What the reducer asks the outside world to do after a key.
enum DashboardEffect: Equatable, Sendable {
    /// Leave mudtop.
    case quit
    /// Send an operator command to the server (already confirmed by the operator).
    case send(AdminCommand)
}
