extension ServerStatusText {
    /// The `server/mem` breakdown: where the process's memory sits, as the kernel counts it, and
    /// what the server's own structures report holding.
    public static func memory(_ snapshot: MetricsSnapshot, ringBytes: Int? = nil) -> String {
        let m = snapshot.process.memory
        var lines: [String] = []
        lines.append("Memory of pid \(snapshot.process.pid)")
        lines.append(String(repeating: "-", count: width))
        func item(_ label: String, _ bytes: Int, _ note: String) {
            lines.append(trimmed(" " + MetricsFormat.fit(label, 20) + MetricsFormat.fit(MetricsFormat.bytes(bytes), 12, right: true)
                + "  " + MetricsFormat.fit(note, width - 35)))
        }
        item("Resident (RSS)", m.residentBytes, "in RAM now")
        item("  anonymous", m.anonymousBytes, "heap, stacks, caches")
        item("  file-backed", m.fileBytes, "the binary and shared libraries")
        item("  shared", m.sharedBytes, "shared memory")
        item("Peak resident", m.peakResidentBytes, "highest RSS since start")
        item("Virtual", m.virtualBytes, "address space reserved")
        item("Data segment", m.dataBytes, "heap and anonymous maps, resident or not")
        item("Swapped out", m.swapBytes, "")
        lines.append(String(repeating: "-", count: width))
        lines.append(trimmed(" " + MetricsFormat.fit("Cached objects", 20)
            + MetricsFormat.fit(MetricsFormat.count(snapshot.cache.objects), 12, right: true)
            + "  evicted \(MetricsFormat.count(snapshot.cache.evictions)) in the last interval"))
        item("Profiler trees", snapshot.profiler.memoryBytes, snapshot.profiler.running ? "recording" : "profiler off")
        if let ringBytes { item("Metrics history", ringBytes, "snapshots kept for mudtop") }
        return lines.joined(separator: "\n") + "\n"
    }
}
