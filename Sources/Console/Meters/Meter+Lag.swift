extension Meter {
    /// Median command latency, line received to reply written.
    static let lagP50 = Meter(label: "Lag p50", unit: .seconds, minimumScale: 0.001, style: .barLag) {
        $0.commands.latency.p50
    }

    /// 99th percentile command latency.
    static let lagP99 = Meter(label: "Lag p99", unit: .seconds, minimumScale: 0.01, style: .barLag) {
        $0.commands.latency.p99
    }

    /// 99th percentile lateness of the game executor's tick.
    static let executorLag = Meter(label: "Exec lag", unit: .seconds, minimumScale: 0.01, style: .barExecutor) {
        $0.executor.lag.p99
    }
}
