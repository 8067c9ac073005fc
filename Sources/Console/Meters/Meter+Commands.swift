extension Meter {
    /// Player commands completed per second (the last second).
    static let commandsPerSecond = Meter(label: "Cmds/s", unit: .rate, minimumScale: 10, style: .barCommands) {
        $0.commands.perSecond1s
    }
}
