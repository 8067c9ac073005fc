/// A dummyrunner settings file: the tick, the chances, and the weighted actions (Evennia's ACTIONS).
struct RunnerProfile: Equatable, Sendable {
    /// The profile's name (`looker`, `normal_builder`, ...).
    var name: String
    /// One line saying what the bots do.
    var description = ""
    /// Seconds between ticks (Evennia's TIMESTEP).
    var tick = 1.0
    /// Chance per tick that an unlogged bot logs in (Evennia's CHANCE_OF_LOGIN).
    var chanceOfLogin = 0.01
    /// Chance per tick that a logged-in bot acts (Evennia's CHANCE_OF_ACTION).
    var chanceOfAction = 0.5
    /// Lines a bot sends to log in (Evennia's c_login).
    var login: [String] = []
    /// Lines a bot sends when the run ends (Evennia's c_logout).
    var logout = ["quit"]
    /// Commands that answer nothing, so the bot does not wait for a reply (Evennia's `idle`).
    var silent = ["idle"]
    /// The weighted actions a logged-in bot picks from.
    var actions: [WeightedAction] = []

    /// The table the actions are drawn from.
    var table: ActionTable { ActionTable(actions) }
}

/// One entry of the action table: a weight and the command lines it sends, in order.
struct WeightedAction: Equatable, Sendable {
    /// The action's name (shown in the summary).
    var name: String
    /// Relative weight; weights are normalised over the table, as in Evennia.
    var weight: Double
    /// Command line templates (see `CommandTemplate`).
    var commands: [String]
}
