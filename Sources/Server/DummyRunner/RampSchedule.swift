/// When each bot logs in under `--ramp`: bot `i` of `n` at `ramp * i / n` seconds after the start.
///
/// Logins keep to this schedule, not to the bots' turns. Bot `i` takes its turns in slot
/// `i % slots`, and a ramp that waited for each bot's turn would bunch up as soon as bots share
/// slots: at 5,000 bots in 1,000 slots over 10 s, every bot of a slot comes due within 2 s of the
/// last, and all 1,000 slots logged in their next bot in the same second. The server got 1,000
/// logins in one second and none in the next, fell half a second behind, and the measured window
/// began in that backlog.
struct RampSchedule {
    /// Number of bots.
    let bots: Int
    /// Seconds over which they log in.
    let ramp: Double
    /// Bots released so far: `0..<released` have had their login time.
    private(set) var released = 0

    init(bots: Int, ramp: Double) {
        self.bots = bots
        self.ramp = ramp
    }

    /// Seconds after the start at which bot `index` logs in.
    func loginTime(of index: Int) -> Double {
        ramp * Double(index) / Double(bots)
    }

    /// The bots whose login time came by `elapsed` seconds after the start and were not released
    /// before; each bot is released once.
    mutating func release(upTo elapsed: Double) -> Range<Int> {
        let first = released
        while released < bots, loginTime(of: released) <= elapsed { released += 1 }
        return first..<released
    }
}
