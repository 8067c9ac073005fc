extension Meter {
    /// Resident memory of the server.
    static let memory = Meter(label: "Memory", unit: .bytes, minimumScale: 64 * 1_048_576, style: .barMemory) {
        Double($0.process.memory.residentBytes)
    }
}
