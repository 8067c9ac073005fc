extension Meter {
    /// User-mode CPU of the server, percent of one core.
    static let cpuUser = Meter(label: "CPU usr", unit: .percent, minimumScale: 100, style: .barUser) {
        $0.process.cpuUserPercent
    }

    /// Kernel-mode CPU of the server, percent of one core.
    static let cpuSystem = Meter(label: "CPU sys", unit: .percent, minimumScale: 100, style: .barSystem) {
        $0.process.cpuSystemPercent
    }
}
