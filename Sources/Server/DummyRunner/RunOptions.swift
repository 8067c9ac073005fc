/// How a dummyrunner run is shaped.
struct RunOptions: Sendable {
    /// Number of bots.
    var bots: Int
    /// Seconds to measure (after the ramp); nil runs until stopped.
    var duration: Double?
    /// Seconds between a bot's turns.
    var tick: Double
    /// Seconds over which every bot logs in, evenly spaced; nil uses the profile's login chance.
    var ramp: Double?
    /// Seed of the random choices.
    var seed: UInt64
    /// Prefix of every bot's id, unique per run so accounts never collide.
    var runID: String
    /// Seconds between progress lines.
    var reportEvery = 10.0
    /// Seconds a reply may take before it counts as a timeout.
    var replyTimeout = 10.0
    /// Seconds the bots get to log out at the end.
    var logoutGrace = 5.0
    /// Longest wait, after the ramp, for the last logins before measuring starts anyway.
    var loginGrace = 10.0
}
